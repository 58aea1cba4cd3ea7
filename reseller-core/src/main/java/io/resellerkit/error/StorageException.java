package io.resellerkit.error;

/** The storage failed (a lost connection, a timeout, a full disk). The cause tells the details. */
public final class StorageException extends ResellerKitException {
    private final boolean transientFailure;

    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param transientFailure true when the same call may succeed if tried again (a
     *                         serialization failure, a dropped connection)
     */
    public StorageException(String message, Throwable cause, boolean transientFailure) {
        super(ErrorCode.STORAGE_ERROR, message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the same call may succeed if tried again. */
    public boolean isTransient() {
        return transientFailure;
    }
}
