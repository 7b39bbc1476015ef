package dev.castnet.runtime.checkpoint;

/** A checkpoint that cannot be used: damaged, of another format version, or of another network. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
