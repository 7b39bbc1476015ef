package dev.castnet.runtime.search;

import java.io.Serializable;
import java.util.Map;

/**
 * One trial: its hyperparameters and the validation figures of its final model ({@code valAccuracy} for class
 * labels; {@code valMae} and {@code valR2} for real-valued targets, NaN otherwise). Serializable, so a trial run on
 * another JVM (a Spark executor) comes back as it is; its parameters are numbers and words.
 */
public record TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy,
        double trainLoss, int epochsRun, double seconds, String error, double valMae, double valR2)
        implements Serializable {

    /** A classification trial. */
    public TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy, double trainLoss,
            int epochsRun, double seconds, String error) {
        this(trial, parameters, valLoss, valAccuracy, trainLoss, epochsRun, seconds, error, Double.NaN, Double.NaN);
    }

    public boolean failed() {
        return error != null;
    }

    /** True when the trial was scored on real-valued targets. */
    public boolean regression() {
        return !Double.isNaN(valMae);
    }
}
