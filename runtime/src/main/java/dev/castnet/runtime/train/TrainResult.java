package dev.castnet.runtime.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: the history, the final model's validation figures (after restoring the
 * best epoch and computing population statistics), and how the run ended. {@code bestEpoch} is 1-based, 0
 * without early stopping. {@code interrupted} means {@link Trainer#requestStop()} ended the run before its
 * last epoch: the model was not finished (no restore, no population statistics) and can be resumed.
 */
public record TrainResult(History history, Evaluation validation, int epochsRun, boolean stoppedEarly, int bestEpoch,
        boolean interrupted, double secondsPerEpoch, double samplesPerSecond, List<String> warnings) {

    /** {@return the last epoch's mean training loss}, NaN without epochs. */
    public double trainLoss() {
        EpochStats last = history.last();
        return last == null ? Double.NaN : last.trainLoss();
    }
}
