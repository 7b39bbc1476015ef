package dev.castnet.runtime.data;

/** A data file that cannot be read as what it claims to be; the message names the file and the place. */
public class DataFormatException extends RuntimeException {
    /**
     * A data file that cannot be read.
     *
     * @param message what is wrong, naming the file and the place
     */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * A data file that cannot be read, with the cause.
     *
     * @param message what is wrong, naming the file and the place
     * @param cause the underlying exception
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
