package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import java.util.List;

/** Stores audit events; they are never changed or deleted. */
public interface AuditTrail {

    /** Appends an event, inside the caller's unit of work. */
    void append(AuditEvent event);

    /**
     * Up to {@code limit} events matching {@code query} ({@link AuditQuery#matches}), in the
     * query's order: newest first (occurredAt, then id, both descending) by default, or oldest
     * first (both ascending) if {@link AuditQuery#oldestFirst()}; starting after {@code after}
     * in that order (null for the first page).
     */
    List<AuditEvent> find(AuditQuery query, Keyset after, int limit);
}
