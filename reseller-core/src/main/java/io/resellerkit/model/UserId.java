package io.resellerkit.model;

import java.util.Objects;

/** Identifies a {@link User}. */
public record UserId(String value) {
    /** @throws NullPointerException if {@code value} is null */
    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}. */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
