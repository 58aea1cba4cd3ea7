package io.resellerkit.query;

import io.resellerkit.command.Constraints;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Filters for listing organizations. Every filter is optional (null); a set filter that is
 * present but empty matches nothing,
 * and holds at most {@value Constraints#MAX_FILTER_VALUES} values.
 */
public record OrganizationQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<OrganizationId> ids,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> resellerIds,
        @Valid TextMatch name,
        @Valid TextMatch email,
        @Valid TimeRange createdAt) {

    public OrganizationQuery {
        ids = Filters.copy("ids", ids);
        resellerIds = Filters.copy("resellerIds", resellerIds);
    }

    /** No filter. */
    public static OrganizationQuery all() {
        return new OrganizationQuery(null, null, null, null, null);
    }

    /** Only those whose id is one of {@code ids}; null for no filter, empty for nothing. */
    public OrganizationQuery withIds(Set<OrganizationId> ids) {
        return new OrganizationQuery(ids, resellerIds, name, email, createdAt);
    }

    /** Only those whose reseller id is one of {@code resellerIds}; null for no filter, empty for nothing. */
    public OrganizationQuery withResellerIds(Set<ResellerId> resellerIds) {
        return new OrganizationQuery(ids, resellerIds, name, email, createdAt);
    }

    /** Organizations of this one reseller. */
    public OrganizationQuery inReseller(ResellerId resellerId) {
        return withResellerIds(Set.of(resellerId));
    }

    /** Only those whose name matches {@code name}; null for no filter. */
    public OrganizationQuery withName(TextMatch name) {
        return new OrganizationQuery(ids, resellerIds, name, email, createdAt);
    }

    /** Only those whose email matches {@code email}; null for no filter. */
    public OrganizationQuery withEmail(TextMatch email) {
        return new OrganizationQuery(ids, resellerIds, name, email, createdAt);
    }

    /** Only those created in {@code createdAt}; null for no filter. */
    public OrganizationQuery withCreatedAt(TimeRange createdAt) {
        return new OrganizationQuery(ids, resellerIds, name, email, createdAt);
    }

    /** The reference semantics every adapter must reproduce. */
    public boolean matches(Organization o) {
        return Filters.in(ids, o.id()) && Filters.in(resellerIds, o.resellerId())
                && Filters.text(name, o.name()) && Filters.text(email, o.email())
                && Filters.time(createdAt, o.createdAt());
    }
}
