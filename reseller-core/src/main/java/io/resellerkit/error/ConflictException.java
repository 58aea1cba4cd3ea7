package io.resellerkit.error;

/**
 * The change conflicts with what is stored: a duplicate, a stale version, dependants that block
 * it, or an idempotency key already used for another write.
 */
public final class ConflictException extends ResellerKitException {
    /** What kind of conflict. */
    public enum Kind {
        /** A unique value (a user's email, a license key) is taken. */
        DUPLICATE,
        /** The resource changed since the caller read it. */
        STALE_VERSION,
        /** The resource is still in use, for example a reseller that still has users. */
        IN_USE,
        /** The resource's state forbids the change, for example assigning a revoked license. */
        INVALID_STATE,
        /**
         * The idempotency key was used by the same actor for another operation or other arguments,
         * and has not expired; nothing was written.
         */
        IDEMPOTENCY_KEY_REUSED
    }

    private final Kind kind;

    public ConflictException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ConflictException(Kind kind, String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
        this.kind = kind;
    }

    /** What kind of conflict. */
    public Kind kind() {
        return kind;
    }
}
