package io.resellerkit.error;

/**
 * The root of every error ResellerKit throws. Unchecked; {@link #code()} tells the kind, the
 * message is meant for humans and never carries SQL or another tenant's data.
 */
public abstract class ResellerKitException extends RuntimeException {
    private final ErrorCode code;

    protected ResellerKitException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The machine-readable kind of this error. */
    public ErrorCode code() {
        return code;
    }
}
