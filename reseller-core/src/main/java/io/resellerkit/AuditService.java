package io.resellerkit;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.Keyset;
import java.util.function.Consumer;

/**
 * Reads the audit trail. The vendor reads all of it; a reseller admin reads the events that
 * concern its own reseller.
 */
public final class AuditService {
    private static final String TYPE = "audit";
    private final Core core;

    AuditService(Core core) {
        this.core = core;
    }

    /** A page of events matching the query, newest first. */
    public Page<AuditEvent> query(RequestContext context, AuditQuery query, PageRequest page) {
        Core.required("query", query, "page", page);
        return core.runner.read(context, call -> {
            AuditQuery scoped = scoped(call, query);
            return Cursors.page(page, after -> core.storage.auditTrail().find(scoped, after, page.limit() + 1),
                    e -> new Keyset(e.occurredAt(), e.id().value()));
        }, query, page);
    }

    /**
     * Hands every event matching the query to {@code sink}, newest first, page by page: each
     * page is read (and the actor's rights checked again) in a unit of its own, and the sink
     * runs outside any unit, so a slow sink holds no lock or transaction and memory stays
     * bounded. Events added during the export are newer than its start and are not visited.
     */
    public void export(RequestContext context, AuditQuery query, Consumer<AuditEvent> sink) {
        Core.required("query", query, "sink", sink);
        Page<AuditEvent> page = query(context, query, PageRequest.first(PageRequest.MAX_LIMIT));
        page.items().forEach(sink);
        while (page.hasNext()) {
            page = query(context, query, PageRequest.after(page.nextCursor(), PageRequest.MAX_LIMIT));
            page.items().forEach(sink);
        }
    }

    private AuditQuery scoped(Call call, AuditQuery query) {
        core.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(call.actor().resellerId()));
        return Scope.audit(call.actor(), query).orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
    }
}
