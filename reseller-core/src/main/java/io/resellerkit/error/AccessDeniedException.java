package io.resellerkit.error;

/** The acting user may not do this: its role, its scope, or its reseller's suspension forbids it. */
public final class AccessDeniedException extends ResellerKitException {
    private final String reason;

    public AccessDeniedException(String reason) {
        super(ErrorCode.ACCESS_DENIED, reason, null);
        this.reason = reason;
    }

    /** Why, in words fit for the actor, such as {@code reseller-admin may not create role admin}. */
    public String reason() {
        return reason;
    }
}
