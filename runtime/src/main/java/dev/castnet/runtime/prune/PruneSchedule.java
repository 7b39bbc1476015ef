package dev.castnet.runtime.prune;

/**
 * When magnitude pruning happens and how far it goes (SPEC §6, {@code prune S [from=E1] [to=E2] [scope=…]}).
 * With a ramp, sparsity is 0 until {@code from} epochs are done and rises to {@code sparsity} once {@code to} are,
 * following Zhu &amp; Gupta (2017), "To prune, or not to prune", eq. 1 with s_i = 0:
 * <pre>
 *   s(p) = S · (1 − (1 − p)³),  p = the fraction of the ramp's training steps done, in [0, 1]
 * </pre>
 * the same cubic as TensorFlow Model Optimization's {@code PolynomialDecay(power=3)}: fast at first, while the
 * network has many redundant weights, slow near the end. Masks are recomputed every {@link #frequency} steps of
 * the ramp and on its last step. Without a ramp everything is pruned at once after the last epoch.
 *
 * @param sparsity the final fraction of pruned weights, in [0, 1)
 * @param from epochs done when the ramp starts, or -1 for pruning at once after training
 * @param to epochs done when it ends ({@code from < to}), or -1
 * @param scope whether each tensor reaches the sparsity or all weights together do
 */
public record PruneSchedule(double sparsity, int from, int to, MagnitudePruning.Scope scope) {
    /**
     * Checks the schedule.
     *
     * @param sparsity the final fraction of pruned weights, in [0, 1)
     * @param from epochs done when the ramp starts, or -1 for pruning at once after training
     * @param to epochs done when it ends ({@code from < to}), or -1
     * @param scope whether each tensor reaches the sparsity or all weights together do
     * @throws IllegalArgumentException for a sparsity out of range, {@code from >= to}, {@code to} without
     *     {@code from}, or no scope
     */
    public PruneSchedule {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("prune sparsity must be in [0, 1), got " + sparsity);
        }
        if (from >= 0 && !(from < to)) throw new IllegalArgumentException("prune needs from < to, got from=" + from + " to=" + to);
        if (from < 0 && to >= 0) throw new IllegalArgumentException("prune to=" + to + " needs from");
        if (scope == null) throw new IllegalArgumentException("prune needs a scope");
    }

    /**
     * {@return a schedule that prunes everything at once after the last epoch}
     *
     * @param sparsity the fraction of pruned weights, in [0, 1)
     * @param scope whether each tensor reaches the sparsity or all weights together do
     * @throws IllegalArgumentException for a sparsity out of range or no scope
     */
    public static PruneSchedule atEnd(double sparsity, MagnitudePruning.Scope scope) {
        return new PruneSchedule(sparsity, -1, -1, scope);
    }

    /**
     * {@return a schedule that ramps the sparsity up along the cubic from epoch {@code from} to epoch {@code to}}
     *
     * @param sparsity the final fraction of pruned weights, in [0, 1)
     * @param from epochs done when the ramp starts, at least 0
     * @param to epochs done when it ends, more than {@code from}
     * @param scope whether each tensor reaches the sparsity or all weights together do
     * @throws IllegalArgumentException for a value out of range or no scope
     */
    public static PruneSchedule ramp(double sparsity, int from, int to, MagnitudePruning.Scope scope) {
        return new PruneSchedule(sparsity, from, to, scope);
    }

    /** {@return whether the schedule ramps} (else it prunes at once after training). */
    public boolean ramped() {
        return from >= 0;
    }

    /**
     * The cubic {@code s(p)}.
     *
     * @param p the fraction of the ramp's steps done; clamped to [0, 1]
     * @return the sparsity after that fraction of the ramp, from 0 to {@link #sparsity()}
     */
    public double sparsityAt(double p) {
        double q = Math.min(1, Math.max(0, p));
        double r = 1 - q;
        return sparsity * (1 - r * r * r);
    }

    /**
     * The ramp's sparsity before a step of the run.
     *
     * @param step the global step, 0-based, counted over the whole run
     * @param stepsPerEpoch the steps of one epoch
     * @return the sparsity: 0 before the ramp (and always without one), {@link #sparsity()} after it
     */
    public double sparsityAt(long step, int stepsPerEpoch) {
        if (!ramped()) return 0;
        long start = (long) from * stepsPerEpoch;
        long end = (long) to * stepsPerEpoch;
        return sparsityAt((double) (step - start) / (end - start));
    }

    /**
     * Steps between mask updates during the ramp: TensorFlow Model Optimization's default of 100, or fewer so a
     * short ramp still gets at least 20 updates.
     *
     * @param rampSteps the steps of the ramp
     * @return the steps between mask updates, from 1 to 100
     */
    public static long frequency(long rampSteps) {
        return Math.max(1, Math.min(100, (rampSteps + 19) / 20));
    }

    /**
     * {@return whether the masks are due to be recomputed before a step}: every {@link #frequency} steps of the ramp
     * from its first, and on its last; never without a ramp.
     *
     * @param step the global step, 0-based, counted over the whole run
     * @param stepsPerEpoch the steps of one epoch
     */
    public boolean due(long step, int stepsPerEpoch) {
        if (!ramped()) return false;
        long start = (long) from * stepsPerEpoch;
        long end = (long) to * stepsPerEpoch;
        if (step < start || step > end) return false;
        return step == end || (step - start) % frequency(end - start) == 0;
    }

    /**
     * {@return whether the ramp is over after {@code epochsDone} epochs}, so every weight is pruned for good; never
     * for a schedule without a ramp, which prunes only after training.
     *
     * @param epochsDone the epochs completed
     */
    public boolean settled(int epochsDone) {
        return ramped() && epochsDone >= to;
    }
}
