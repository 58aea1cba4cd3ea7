package io.resellerkit.query;

import io.resellerkit.model.AuditAction;
import io.resellerkit.command.Constraints;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.command.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Filters for reading the audit trail. Every filter is optional (null); a set filter that is
 * present but empty matches nothing,
 * and holds at most {@value Constraints#MAX_FILTER_VALUES} values.
 */
public record AuditQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> resellerIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<UserId> actorIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<@NotNull AuditAction> actions,
        @PlainText @Size(max = 100) String resourceType,
        @PlainText @Size(max = 100) String resourceId,
        @Valid TimeRange occurredAt) {

    public AuditQuery {
        resellerIds = Filters.copy("resellerIds", resellerIds);
        actorIds = Filters.copy("actorIds", actorIds);
        actions = Filters.copy("actions", actions);
    }

    /** No filter. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    /** Only those whose reseller id is one of {@code resellerIds}; null for no filter, empty for nothing. */
    public AuditQuery withResellerIds(Set<ResellerId> resellerIds) {
        return new AuditQuery(resellerIds, actorIds, actions, resourceType, resourceId, occurredAt);
    }

    /** Events that concern this one reseller. */
    public AuditQuery forReseller(ResellerId resellerId) {
        return withResellerIds(Set.of(resellerId));
    }

    /** Only those whose actor id is one of {@code actorIds}; null for no filter, empty for nothing. */
    public AuditQuery withActorIds(Set<UserId> actorIds) {
        return new AuditQuery(resellerIds, actorIds, actions, resourceType, resourceId, occurredAt);
    }

    /** Only those whose action is one of {@code actions}; null for no filter, empty for nothing. */
    public AuditQuery withActions(Set<AuditAction> actions) {
        return new AuditQuery(resellerIds, actorIds, actions, resourceType, resourceId, occurredAt);
    }

    /** Events of the given resource type, and of one resource if {@code resourceId} is not null. */
    public AuditQuery withResource(String resourceType, String resourceId) {
        return new AuditQuery(resellerIds, actorIds, actions, resourceType, resourceId, occurredAt);
    }

    /** Only those that occurred in {@code occurredAt}; null for no filter. */
    public AuditQuery withOccurredAt(TimeRange occurredAt) {
        return new AuditQuery(resellerIds, actorIds, actions, resourceType, resourceId, occurredAt);
    }

    /** The reference semantics every adapter must reproduce. */
    public boolean matches(AuditEvent e) {
        return Filters.in(resellerIds, e.resellerId()) && Filters.in(actorIds, e.actorId())
                && Filters.in(actions, e.action())
                && (resourceType == null || resourceType.equals(e.resourceType()))
                && (resourceId == null || resourceId.equals(e.resourceId()))
                && Filters.time(occurredAt, e.occurredAt());
    }
}
