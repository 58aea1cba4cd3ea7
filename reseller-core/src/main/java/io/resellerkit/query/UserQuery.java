package io.resellerkit.query;

import io.resellerkit.command.Constraints;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Filters for listing users. Every filter is optional (null); a set filter that is present
 * but empty matches nothing, and holds at most {@value Constraints#MAX_FILTER_VALUES} values.
 */
public record UserQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<UserId> ids,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> resellerIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<OrganizationId> organizationIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<Role> roles,
        @Valid TextMatch email,
        @Valid TimeRange createdAt) {

    public UserQuery {
        ids = Filters.copy("ids", ids);
        resellerIds = Filters.copy("resellerIds", resellerIds);
        organizationIds = Filters.copy("organizationIds", organizationIds);
        roles = Filters.copy("roles", roles);
    }

    /** No filter. */
    public static UserQuery all() {
        return new UserQuery(null, null, null, null, null, null);
    }

    /** Only those whose id is one of {@code ids}; null for no filter, empty for nothing. */
    public UserQuery withIds(Set<UserId> ids) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** Only those whose reseller id is one of {@code resellerIds}; null for no filter, empty for nothing. */
    public UserQuery withResellerIds(Set<ResellerId> resellerIds) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** Users of this one reseller. */
    public UserQuery inReseller(ResellerId resellerId) {
        return withResellerIds(Set.of(resellerId));
    }

    /**
     * Only those whose organization id is one of {@code organizationIds}; null for no filter, empty for nothing.
     */
    public UserQuery withOrganizationIds(Set<OrganizationId> organizationIds) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** Users of this one organization. */
    public UserQuery inOrganization(OrganizationId organizationId) {
        return withOrganizationIds(Set.of(organizationId));
    }

    /** Only those whose role is one of {@code roles}; null for no filter, empty for nothing. */
    public UserQuery withRoles(Set<Role> roles) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** Only those whose email matches {@code email}; null for no filter. */
    public UserQuery withEmail(TextMatch email) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** Only those created in {@code createdAt}; null for no filter. */
    public UserQuery withCreatedAt(TimeRange createdAt) {
        return new UserQuery(ids, resellerIds, organizationIds, roles, email, createdAt);
    }

    /** The reference semantics every adapter must reproduce. */
    public boolean matches(User u) {
        return Filters.in(ids, u.id()) && Filters.in(resellerIds, u.resellerId())
                && Filters.in(organizationIds, u.organizationId()) && Filters.in(roles, u.role())
                && Filters.text(email, u.email()) && Filters.time(createdAt, u.createdAt());
    }
}
