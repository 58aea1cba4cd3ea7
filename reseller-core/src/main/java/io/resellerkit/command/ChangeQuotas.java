package io.resellerkit.command;

import jakarta.validation.constraints.Min;

/**
 * Changes a reseller's quotas (vendor only). A null quota stays as it is; {@code -1} means
 * unlimited. A cap lowered below today's use deletes nothing: it refuses further creates.
 *
 * @param allowedLicenses how many licenses the reseller may issue itself; {@code 0} turns issuing
 *                        off (the default for a new reseller)
 * @param expectedVersion if not null, refused with a conflict unless the stored version equals it
 */
public record ChangeQuotas(@Min(-1) Integer allowedUsers, @Min(-1) Integer allowedOrganizations,
                           @Min(-1) Integer allowedLicenses, Long expectedVersion) {

    /** Changes the user and organization quotas; the license quota stays as it is. */
    public ChangeQuotas(Integer allowedUsers, Integer allowedOrganizations, Long expectedVersion) {
        this(allowedUsers, allowedOrganizations, null, expectedVersion);
    }

    /** Sets both quotas. */
    public static ChangeQuotas to(int allowedUsers, int allowedOrganizations) {
        return new ChangeQuotas(allowedUsers, allowedOrganizations, null);
    }

    /** Sets only the license quota: how many licenses the reseller may issue itself. */
    public static ChangeQuotas licenses(int allowedLicenses) {
        return new ChangeQuotas(null, null, allowedLicenses, null);
    }
}
