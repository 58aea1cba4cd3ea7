package io.resellerkit.model;

/** Identifies an {@link Organization}. */
public record OrganizationId(String value) {
    /** @throws io.resellerkit.error.ValidationException unless it is 1 to 100 visible ASCII characters ({@link Ids}) */
    public OrganizationId {
        Ids.check(value);
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
