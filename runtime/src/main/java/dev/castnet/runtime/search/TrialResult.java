package dev.castnet.runtime.search;

import java.io.Serializable;
import java.util.Map;

/**
 * One trial: its hyperparameters and the validation figures of its final model. Serializable, so a trial run on
 * another JVM (a Spark executor) comes back as it is; its parameters are numbers and words.
 */
public record TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy,
        double trainLoss, int epochsRun, double seconds, String error) implements Serializable {

    public boolean failed() {
        return error != null;
    }
}
