package io.resellerkit.model;

import java.util.Objects;

/** Identifies an {@link AuditEvent}. */
public record AuditEventId(String value) {
    /** @throws NullPointerException if {@code value} is null */
    public AuditEventId {
        Objects.requireNonNull(value, "value");
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
