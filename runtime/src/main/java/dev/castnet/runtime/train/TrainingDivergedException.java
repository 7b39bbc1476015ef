package dev.castnet.runtime.train;

/** A training step returned a NaN or infinite loss. */
public class TrainingDivergedException extends RuntimeException {
    /** The 1-based epoch in which the loss diverged. */
    private final int epoch;
    /** The 1-based step within the epoch (the epoch's last step when the epoch's mean loss diverged). */
    private final int step;

    /**
     * A diverged run.
     *
     * @param message what happened and what to try
     * @param epoch the 1-based epoch
     * @param step the 1-based step within the epoch
     */
    public TrainingDivergedException(String message, int epoch, int step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** {@return the 1-based epoch in which the loss diverged} */
    public int epoch() {
        return epoch;
    }

    /** {@return the 1-based step within the epoch} */
    public int step() {
        return step;
    }
}
