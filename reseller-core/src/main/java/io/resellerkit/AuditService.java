package io.resellerkit;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import java.util.function.Consumer;

/**
 * Reads the audit trail. The vendor reads all of it; a reseller admin reads the events that
 * concern its own reseller.
 */
public interface AuditService {
    /** A page of events matching the query, newest first. */
    Page<AuditEvent> query(RequestContext context, AuditQuery query, PageRequest page);

    /**
     * Hands every event matching the query to {@code sink}, newest first, page by page: each
     * page is read (and the actor's rights checked again) in a unit of its own, and the sink
     * runs outside any unit, so a slow sink holds no lock or transaction and memory stays
     * bounded. Events added during the export are newer than its start and are not visited.
     */
    void export(RequestContext context, AuditQuery query, Consumer<AuditEvent> sink);
}
