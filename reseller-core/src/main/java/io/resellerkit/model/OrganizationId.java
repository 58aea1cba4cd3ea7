package io.resellerkit.model;

import java.util.Objects;

/** Identifies an {@link Organization}. */
public record OrganizationId(String value) {
    /** @throws NullPointerException if {@code value} is null */
    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}. */
    public static OrganizationId of(String value) {
        return new OrganizationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
