package io.resellerkit.query;

import io.resellerkit.command.Constraints;
import io.resellerkit.model.License;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.command.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Filters for listing licenses. Every filter is optional (null); a set filter that is
 * present but empty matches nothing,
 * and holds at most {@value Constraints#MAX_FILTER_VALUES} values.
 *
 * @param expiresAt matches licenses whose expiry falls in the range; perpetual licenses never match it
 */
public record LicenseQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> resellerIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<UserId> assignedUsers,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<OrganizationId> assignedOrganizations,
        @Size(max = Constraints.MAX_FILTER_VALUES)
        Set<@NotNull @PlainText @Size(max = Constraints.MAX_KEY) String> productIds,
        Boolean suspended,
        Boolean revoked,
        @Valid TimeRange expiresAt) {

    public LicenseQuery {
        resellerIds = Filters.copy("resellerIds", resellerIds);
        assignedUsers = Filters.copy("assignedUsers", assignedUsers);
        assignedOrganizations = Filters.copy("assignedOrganizations", assignedOrganizations);
        productIds = Filters.copy("productIds", productIds);
    }

    /** No filter. */
    public static LicenseQuery all() {
        return new LicenseQuery(null, null, null, null, null, null, null);
    }

    /** Only those whose reseller id is one of {@code resellerIds}; null for no filter, empty for nothing. */
    public LicenseQuery withResellerIds(Set<ResellerId> resellerIds) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** Licenses allocated to this one reseller. */
    public LicenseQuery inReseller(ResellerId resellerId) {
        return withResellerIds(Set.of(resellerId));
    }

    /**
     * Only those whose assigned user is one of {@code assignedUsers}; null for no filter, empty for nothing.
     */
    public LicenseQuery withAssignedUsers(Set<UserId> assignedUsers) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /**
     * Only those whose assigned organization is one of {@code assignedOrganizations}; null for no filter, empty for nothing.
     */
    public LicenseQuery withAssignedOrganizations(Set<OrganizationId> assignedOrganizations) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** Only those whose product id is one of {@code productIds}; null for no filter, empty for nothing. */
    public LicenseQuery withProductIds(Set<String> productIds) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** Only those suspended (true) or not (false); null for no filter. */
    public LicenseQuery withSuspended(Boolean suspended) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** Only those revoked (true) or not (false); null for no filter. */
    public LicenseQuery withRevoked(Boolean revoked) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** Only those expiring in {@code expiresAt}; null for no filter. */
    public LicenseQuery withExpiresAt(TimeRange expiresAt) {
        return new LicenseQuery(resellerIds, assignedUsers, assignedOrganizations, productIds, suspended, revoked, expiresAt);
    }

    /** The reference semantics every adapter must reproduce. */
    public boolean matches(License l) {
        return Filters.in(resellerIds, l.resellerId()) && Filters.in(assignedUsers, l.assignedUser())
                && Filters.in(assignedOrganizations, l.assignedOrganization())
                && Filters.in(productIds, l.productId()) && Filters.flag(suspended, l.suspended())
                && Filters.flag(revoked, l.revoked()) && Filters.time(expiresAt, l.expiresAt());
    }
}
