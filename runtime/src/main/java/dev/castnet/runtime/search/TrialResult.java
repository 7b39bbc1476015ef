package dev.castnet.runtime.search;

import java.util.Map;

/**
 * One trial: its hyperparameters and the validation figures of its final model.
 *
 * @param trial the trial's number, from 1
 * @param parameters its hyperparameters by name
 * @param valLoss the final model's validation loss (NaN when failed)
 * @param valAccuracy the final model's validation accuracy (NaN when failed or undefined)
 * @param trainLoss the last epoch's mean training loss
 * @param epochsRun the epochs trained
 * @param seconds the trial's wall time
 * @param error why the trial failed, or null
 */
public record TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy,
        double trainLoss, int epochsRun, double seconds, String error) {

    /** {@return whether the trial failed} (its {@code error} says why). */
    public boolean failed() {
        return error != null;
    }
}
