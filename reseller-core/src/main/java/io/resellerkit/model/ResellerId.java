package io.resellerkit.model;

/** Identifies a {@link Reseller}. */
public record ResellerId(String value) {
    /** @throws io.resellerkit.error.ValidationException unless it is 1 to 100 visible ASCII characters ({@link Ids}) */
    public ResellerId {
        Ids.check(value);
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
