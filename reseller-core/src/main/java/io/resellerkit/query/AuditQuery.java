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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Filters for reading the audit trail, and the order to read it in. Every filter is optional
 * (null); a set filter that is present but empty matches nothing, and holds at most
 * {@value Constraints#MAX_FILTER_VALUES} values.
 *
 * @param actorEmails case-insensitive exact matches of the actor's email as it was when the
 *                    event was written
 * @param requestIds  exact matches of the request id the host passed in
 * @param text        a case-insensitive substring of the actor's name, the actor's email, the
 *                    resource id or the refusal's reason (LIKE wildcards in it match only
 *                    themselves). No index serves it: the other filters and the page's keyset
 *                    bound what is scanned, so combine it with a reseller, a time range or an actor
 *                    on a large trail
 * @param order       newest first (the default) or oldest first
 */
public record AuditQuery(
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<ResellerId> resellerIds,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<UserId> actorIds,
        @Size(max = Constraints.MAX_FILTER_VALUES)
        Set<@NotNull @PlainText @Size(max = Constraints.MAX_EMAIL) String> actorEmails,
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<@NotNull AuditAction> actions,
        @PlainText @Size(max = 100) String resourceType,
        @PlainText @Size(max = 100) String resourceId,
        // At most RequestContext.MAX_REQUEST_ID: no longer one is ever stored.
        @Size(max = Constraints.MAX_FILTER_VALUES) Set<@NotNull @PlainText @Size(max = 200) String> requestIds,
        @PlainText @Size(min = 1, max = 200) String text,
        @Valid TimeRange occurredAt,
        Order order) {

    /** The order events are read in; keyset cursors of one order are refused in the other. */
    public enum Order {
        /** occurredAt, then id, descending: the latest event first. */
        NEWEST_FIRST,
        /** occurredAt, then id, ascending: the earliest event first. */
        OLDEST_FIRST
    }

    /** Copies the sets; a null order is {@link Order#NEWEST_FIRST}. */
    public AuditQuery {
        resellerIds = Filters.copy("resellerIds", resellerIds);
        actorIds = Filters.copy("actorIds", actorIds);
        actorEmails = Filters.copy("actorEmails", actorEmails);
        actions = Filters.copy("actions", actions);
        requestIds = Filters.copy("requestIds", requestIds);
        order = order == null ? Order.NEWEST_FIRST : order;
    }

    /** No filter, newest first. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, Order.NEWEST_FIRST);
    }

    /** Only those whose reseller id is one of {@code resellerIds}; null for no filter, empty for nothing. */
    public AuditQuery withResellerIds(Set<ResellerId> resellerIds) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** Events that concern this one reseller. */
    public AuditQuery forReseller(ResellerId resellerId) {
        return withResellerIds(Set.of(resellerId));
    }

    /** Only those whose actor id is one of {@code actorIds}; null for no filter, empty for nothing. */
    public AuditQuery withActorIds(Set<UserId> actorIds) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /**
     * Only those whose actor's email, as it was when the event was written, equals one of
     * {@code actorEmails} ignoring case; null for no filter, empty for nothing.
     */
    public AuditQuery withActorEmails(Set<String> actorEmails) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** Only those whose action is one of {@code actions}; null for no filter, empty for nothing. */
    public AuditQuery withActions(Set<AuditAction> actions) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** Events of the given resource type, and of one resource if {@code resourceId} is not null. */
    public AuditQuery withResource(String resourceType, String resourceId) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** Only those whose request id is one of {@code requestIds}; null for no filter, empty for nothing. */
    public AuditQuery withRequestIds(Set<String> requestIds) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /**
     * Only those whose actor name, actor email, resource id or reason contains {@code text},
     * ignoring case; null for no filter. See {@link #text()} for what it costs.
     */
    public AuditQuery withText(String text) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** Only those that occurred in {@code occurredAt}; null for no filter. */
    public AuditQuery withOccurredAt(TimeRange occurredAt) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** The same filters read in {@code order}; null for newest first. */
    public AuditQuery withOrder(Order order) {
        return new AuditQuery(resellerIds, actorIds, actorEmails, actions, resourceType, resourceId, requestIds, text,
                occurredAt, order);
    }

    /** The same filters read oldest first. */
    public AuditQuery withOldestFirst() {
        return withOrder(Order.OLDEST_FIRST);
    }

    /** True if the events run oldest first. */
    public boolean oldestFirst() {
        return order == Order.OLDEST_FIRST;
    }

    /** {@link #actorEmails()} lower-cased with {@code Locale.ROOT}, as adapters compare them; null if no filter. */
    public Set<String> normalizedActorEmails() {
        if (actorEmails == null) {
            return null;
        }
        Set<String> lower = new HashSet<>();
        actorEmails.forEach(e -> lower.add(lower(e)));
        return Set.copyOf(lower);
    }

    /** {@link #text()} lower-cased with {@code Locale.ROOT}, as adapters compare it; null if no filter. */
    public String normalizedText() {
        return text == null ? null : lower(text);
    }

    /**
     * What {@link #text()} searches in an event: its actor name, actor email, resource id and
     * reason, each lower-cased with {@code Locale.ROOT}, absent ones left out, joined by line
     * breaks. A text filter is plain text and holds no line break, so a match never spans two
     * fields. An adapter may store this and search it with {@code LIKE}.
     */
    public static String searchText(AuditEvent e) {
        StringBuilder sb = new StringBuilder();
        for (String field : Arrays.asList(e.actorName(), e.actorEmail(), e.resourceId(), e.reason())) {
            if (field != null) {
                sb.append(sb.isEmpty() ? "" : "\n").append(lower(field));
            }
        }
        return sb.toString();
    }

    /** The reference semantics every adapter must reproduce (the order aside). */
    public boolean matches(AuditEvent e) {
        return Filters.in(resellerIds, e.resellerId()) && Filters.in(actorIds, e.actorId())
                && Filters.in(normalizedActorEmails(), e.actorEmail() == null ? null : lower(e.actorEmail()))
                && Filters.in(actions, e.action())
                && (resourceType == null || resourceType.equals(e.resourceType()))
                && (resourceId == null || resourceId.equals(e.resourceId()))
                && Filters.in(requestIds, e.requestId())
                && (text == null || searchText(e).contains(normalizedText()))
                && Filters.time(occurredAt, e.occurredAt());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
