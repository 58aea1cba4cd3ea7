package io.resellerkit.model;

/** Identifies an {@link AuditEvent}. */
public record AuditEventId(String value) {
    /** @throws io.resellerkit.error.ValidationException unless it is 1 to 100 visible ASCII characters ({@link Ids}) */
    public AuditEventId {
        Ids.check(value);
    }

    /** Wraps {@code value}. */
    public static AuditEventId of(String value) {
        return new AuditEventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
