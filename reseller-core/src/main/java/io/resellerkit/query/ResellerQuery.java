package io.resellerkit.query;

import io.resellerkit.command.Constraints;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Filters for listing resellers. Every filter is optional (null); a set filter that is
 * present but empty matches nothing,
 * and holds at most {@value Constraints#MAX_FILTER_VALUES} values.
 */
public record ResellerQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> ids,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerStatus> statuses,
        @Valid TextMatch name,
        @Valid TextMatch email,
        @Valid TimeRange createdAt,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> parentIds) {

    public ResellerQuery {
        ids = Filters.copy("ids", ids);
        statuses = Filters.copy("statuses", statuses);
        parentIds = Filters.copy("parentIds", parentIds);
    }

    /** The filters without one on parents. */
    public ResellerQuery(Set<ResellerId> ids, Set<ResellerStatus> statuses, TextMatch name, TextMatch email,
                         TimeRange createdAt) {
        this(ids, statuses, name, email, createdAt, null);
    }

    /** Only the children of one of {@code parentIds} (resellers directly under them); null for no filter, empty for nothing. */
    public ResellerQuery withParentIds(Set<ResellerId> parentIds) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** No filter. */
    public static ResellerQuery all() {
        return new ResellerQuery(null, null, null, null, null);
    }

    /** Only those whose id is one of {@code ids}; null for no filter, empty for nothing. */
    public ResellerQuery withIds(Set<ResellerId> ids) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** Only those whose status is one of {@code statuses}; null for no filter, empty for nothing. */
    public ResellerQuery withStatuses(Set<ResellerStatus> statuses) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** Only those whose name matches {@code name}; null for no filter. */
    public ResellerQuery withName(TextMatch name) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** Only those whose email matches {@code email}; null for no filter. */
    public ResellerQuery withEmail(TextMatch email) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** Only those created in {@code createdAt}; null for no filter. */
    public ResellerQuery withCreatedAt(TimeRange createdAt) {
        return new ResellerQuery(ids, statuses, name, email, createdAt, parentIds);
    }

    /** The reference semantics every adapter must reproduce. */
    public boolean matches(Reseller r) {
        return Filters.in(ids, r.id()) && Filters.in(statuses, r.status())
                && Filters.text(name, r.name()) && Filters.text(email, r.email())
                && Filters.time(createdAt, r.createdAt())
                && (parentIds == null || (r.parentId() != null && parentIds.contains(r.parentId())));
    }
}
