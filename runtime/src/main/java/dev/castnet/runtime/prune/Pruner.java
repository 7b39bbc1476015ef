package dev.castnet.runtime.prune;

import dev.castnet.runtime.TrainableNetwork;

/**
 * Carries a {@link PruneSchedule} out during training: the trainer calls {@link #beforeStep} before every step and
 * {@link #afterTraining} once the last epoch is done. Everything follows from the global step, so a resumed run
 * (its masks come back with the checkpoint) prunes exactly as the uninterrupted one.
 */
public final class Pruner {
    private final TrainableNetwork net;
    private final PruneSchedule schedule;

    /**
     * A pruner of one network.
     *
     * @param net the network being trained, whose masks it sets
     * @param schedule when to prune and how far
     */
    public Pruner(TrainableNetwork net, PruneSchedule schedule) {
        this.net = net;
        this.schedule = schedule;
    }

    /** {@return the schedule it carries out} */
    public PruneSchedule schedule() {
        return schedule;
    }

    /**
     * Checks that the schedule fits the run.
     *
     * @param epochs the run's epochs
     * @throws IllegalArgumentException when the ramp would end after the run's last epoch
     */
    public void check(int epochs) {
        if (schedule.ramped() && schedule.to() > epochs) {
            throw new IllegalArgumentException("prune ends its ramp after epoch " + schedule.to() + " but the run has "
                    + epochs + " epochs; end it at or before the last epoch (to=" + epochs + "), or train longer");
        }
    }

    /**
     * Recomputes the masks to the ramp's current sparsity when they are {@link PruneSchedule#due due} before a step.
     *
     * @param step the global step, 0-based, counted over the whole run
     * @param stepsPerEpoch the steps of one epoch
     */
    public void beforeStep(long step, int stepsPerEpoch) {
        if (!schedule.due(step, stepsPerEpoch)) return;
        double s = schedule.sparsityAt(step, stepsPerEpoch);
        if (s > 0) MagnitudePruning.prune(net, s, schedule.scope());
    }

    /** After the last epoch: the at-once pruning, or the ramp's last update when it ended with the run. */
    public void afterTraining() {
        if (schedule.sparsity() > 0) MagnitudePruning.prune(net, schedule.sparsity(), schedule.scope());
    }

    /**
     * {@return whether the masks no longer change during training} after {@code epochsDone} epochs: the ramp is over,
     * or there is none (pruning at once comes only in {@link #afterTraining}). Early stopping waits for this.
     *
     * @param epochsDone the epochs completed
     */
    public boolean settled(int epochsDone) {
        return !schedule.ramped() || schedule.settled(epochsDone);
    }
}
