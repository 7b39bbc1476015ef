package dev.castnet.runtime.search;

import java.io.Serializable;
import java.util.Map;

/**
 * One trial: its hyperparameters and the validation figures of its final model ({@code valAccuracy} for class
 * labels; {@code valMae} and {@code valR2} for real-valued targets, NaN otherwise). Serializable, so a trial run on
 * another JVM (a Spark executor) comes back as it is; its parameters are numbers and words.
 *
 * @param trial the trial's number, from 1
 * @param parameters its hyperparameters by name
 * @param valLoss the final model's validation loss (NaN when failed)
 * @param valAccuracy the final model's validation accuracy (NaN when failed or undefined)
 * @param trainLoss the last epoch's mean training loss
 * @param epochsRun the epochs trained
 * @param seconds the trial's wall time
 * @param error why the trial failed, or null
 * @param valMae the validation mean absolute error, for real-valued targets (else NaN)
 * @param valR2 the validation R², for real-valued targets (else NaN)
 * @serial exclude
 */
// "@serial exclude": the serialized form is the components above, and JDK 17's javadoc would ask for a comment on
// each record field again (a bug fixed in JDK 18)
public record TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy,
        double trainLoss, int epochsRun, double seconds, String error, double valMae, double valR2)
        implements Serializable {

    /**
     * A classification trial.
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
    public TrialResult(int trial, Map<String, Object> parameters, double valLoss, double valAccuracy, double trainLoss,
            int epochsRun, double seconds, String error) {
        this(trial, parameters, valLoss, valAccuracy, trainLoss, epochsRun, seconds, error, Double.NaN, Double.NaN);
    }

    /** {@return whether the trial failed} (its {@code error} says why). */
    public boolean failed() {
        return error != null;
    }

    /** {@return whether the trial was scored on real-valued targets} */
    public boolean regression() {
        return !Double.isNaN(valMae);
    }
}
