package dev.castnet.runtime.train;

/** A training step returned a NaN or infinite loss. */
public class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int step;

    public TrainingDivergedException(String message, int epoch, int step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** 1-based epoch. */
    public int epoch() {
        return epoch;
    }

    /** 1-based step within the epoch. */
    public int step() {
        return step;
    }
}
