package dev.castnet.runtime.search;

import java.util.Map;

/** One trial: its hyperparameters and the validation figures of its final model. */
public record TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy,
        double trainLoss, int epochsRun, double seconds, String error) {

    /** {@return whether the trial failed} (its {@code error} says why). */
    public boolean failed() {
        return error != null;
    }
}
