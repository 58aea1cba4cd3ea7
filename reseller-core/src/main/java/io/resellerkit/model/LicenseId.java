package io.resellerkit.model;

import java.util.Objects;

/** Identifies a {@link License}. */
public record LicenseId(String value) {
    /** @throws NullPointerException if {@code value} is null */
    public LicenseId {
        Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}. */
    public static LicenseId of(String value) {
        return new LicenseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
