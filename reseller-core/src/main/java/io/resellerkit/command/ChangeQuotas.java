package io.resellerkit.command;

import jakarta.validation.constraints.Min;

/**
 * Changes a reseller's quotas (vendor only). A null quota stays as it is; {@code -1} means
 * unlimited. A cap lowered below today's use deletes nothing: it refuses further creates.
 *
 * @param expectedVersion if not null, refused with a conflict unless the stored version equals it
 */
public record ChangeQuotas(@Min(-1) Integer allowedUsers, @Min(-1) Integer allowedOrganizations, Long expectedVersion) {

    /** Sets both quotas. */
    public static ChangeQuotas to(int allowedUsers, int allowedOrganizations) {
        return new ChangeQuotas(allowedUsers, allowedOrganizations, null);
    }
}
