package dev.descent.data;

/**
 * Every bad-data or missing-data failure of this module. The message is one line that names the
 * file and the byte offset or CSV row at fault, or, when no source could supply a data set, every
 * source that was tried and how to supply the files by hand.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
