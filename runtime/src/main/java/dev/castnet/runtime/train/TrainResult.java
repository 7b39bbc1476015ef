package dev.castnet.runtime.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: the history, the final model's validation figures (after restoring the
 * best epoch and computing population statistics), and how the run ended. {@code bestEpoch} is 1-based, 0
 * without early stopping. {@code interrupted} means {@link Trainer#requestStop()} ended the run before its
 * last epoch: the model was not finished (no restore, no population statistics) and can be resumed.
 *
 * @param history the per-epoch figures
 * @param validation the final model's validation figures
 * @param epochsRun the epochs completed, restored ones included
 * @param stoppedEarly whether early stopping ended the run
 * @param bestEpoch the best epoch, 1-based, or 0 without early stopping
 * @param interrupted whether {@link Trainer#requestStop()} ended the run before its last epoch
 * @param secondsPerEpoch the mean wall time of this run's epochs, validation included
 * @param samplesPerSecond training samples per second of training steps
 * @param warnings what the run noticed about its data
 */
public record TrainResult(History history, Evaluation validation, int epochsRun, boolean stoppedEarly, int bestEpoch,
        boolean interrupted, double secondsPerEpoch, double samplesPerSecond, List<String> warnings) {

    /** {@return the last epoch's mean training loss}, NaN without epochs. */
    public double trainLoss() {
        EpochStats last = history.last();
        return last == null ? Double.NaN : last.trainLoss();
    }
}
