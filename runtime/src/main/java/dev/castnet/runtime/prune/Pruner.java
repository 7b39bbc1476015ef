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

    public Pruner(TrainableNetwork net, PruneSchedule schedule) {
        this.net = net;
        this.schedule = schedule;
    }

    public PruneSchedule schedule() {
        return schedule;
    }

    /** Throws when the ramp would end after the run's last epoch. */
    public void check(int epochs) {
        if (schedule.ramped() && schedule.to() > epochs) {
            throw new IllegalArgumentException("prune ends its ramp after epoch " + schedule.to() + " but the run has "
                    + epochs + " epochs; end it at or before the last epoch (to=" + epochs + "), or train longer");
        }
    }

    /** Recomputes the masks when due before global step {@code step}. */
    public void beforeStep(long step, int stepsPerEpoch) {
        if (!schedule.due(step, stepsPerEpoch)) return;
        double s = schedule.sparsityAt(step, stepsPerEpoch);
        if (s > 0) MagnitudePruning.prune(net, s, schedule.scope());
    }

    /** After the last epoch: the at-once pruning, or the ramp's last update when it ended with the run. */
    public void afterTraining() {
        if (schedule.sparsity() > 0) MagnitudePruning.prune(net, schedule.sparsity(), schedule.scope());
    }

    /** True when the weights are at their final sparsity after {@code epochsDone} epochs (the ramp is over). */
    public boolean settled(int epochsDone) {
        return !schedule.ramped() || schedule.settled(epochsDone);
    }
}
