package dev.castnet.runtime.checkpoint;

/** A checkpoint that cannot be used: damaged, of another format version, or of another network. */
public class CheckpointException extends RuntimeException {
    /**
     * A checkpoint problem.
     *
     * @param message what is wrong, naming the file where known
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * A checkpoint problem with its cause.
     *
     * @param message what is wrong, naming the file where known
     * @param cause the underlying exception
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
