package io.resellerkit.model;

import java.util.Objects;

/** Identifies a {@link Reseller}. */
public record ResellerId(String value) {
    /** @throws NullPointerException if {@code value} is null */
    public ResellerId {
        Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}. */
    public static ResellerId of(String value) {
        return new ResellerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
