package io.resellerkit.model;

/** Identifies a {@link License}. */
public record LicenseId(String value) {
    /** @throws io.resellerkit.error.ValidationException unless it is 1 to 100 visible ASCII characters ({@link Ids}) */
    public LicenseId {
        Ids.check(value);
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
