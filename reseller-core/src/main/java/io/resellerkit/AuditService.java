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
     * Streams every event matching the query, newest first, to {@code sink} without holding
     * them in memory (for export).
     */
    public void export(RequestContext context, AuditQuery query, Consumer<AuditEvent> sink) {
        Core.required("query", query, "sink", sink);
        core.runner.read(context, call -> {
            core.storage.auditTrail().forEach(scoped(call, query), sink);
            return null;
        }, query);
    }

    private AuditQuery scoped(Call call, AuditQuery query) {
        core.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(call.actor().resellerId()));
        return query.withResellerIds(OperationRunner.within(call, TYPE,
                query.resellerIds(), Scope.resellers(call.actor())));
    }
}
