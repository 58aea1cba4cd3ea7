package io.resellerkit.command;

import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.UserId;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Set;

/**
 * Lends a user some permissions on one organization for a period (see
 * {@link io.resellerkit.AccessService#grant}). Times are stored to the microsecond.
 *
 * @param organizationId the organization it opens
 * @param granteeId      the user it lends the permissions to; never the grantor itself
 * @param permissions    what it lends, at least one; never more than the grantor holds there
 * @param validFrom      when it starts working; null for now
 * @param validUntil     when it stops working: after now and after {@code validFrom}, at most
 *                       {@link io.resellerkit.ResellerKit.Builder#accessGrantMaxPeriod} after it
 */
public record GrantAccess(
        @NotNull OrganizationId organizationId,
        @NotNull UserId granteeId,
        @NotEmpty Set<@NotNull AccessPermission> permissions,
        @StorableTime Instant validFrom,
        @NotNull @StorableTime Instant validUntil) {

    /** A grant that starts now. */
    public static GrantAccess of(OrganizationId organizationId, UserId granteeId, Set<AccessPermission> permissions,
                                 Instant validUntil) {
        return new GrantAccess(organizationId, granteeId, permissions, null, validUntil);
    }

    /** This grant starting at {@code validFrom}. */
    public GrantAccess from(Instant validFrom) {
        return new GrantAccess(organizationId, granteeId, permissions, validFrom, validUntil);
    }
}
