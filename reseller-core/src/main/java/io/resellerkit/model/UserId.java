package io.resellerkit.model;

/** Identifies a {@link User}. */
public record UserId(String value) {
    /** @throws io.resellerkit.error.ValidationException unless it is 1 to 100 visible ASCII characters ({@link Ids}) */
    public UserId {
        Ids.check(value);
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
