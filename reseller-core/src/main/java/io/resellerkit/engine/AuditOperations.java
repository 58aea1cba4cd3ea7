package io.resellerkit.engine;

import io.resellerkit.AuditService;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.Keyset;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Reads the audit trail. The vendor reads all of it; a reseller's staff read the events that
 * concern their own reseller.
 */
final class AuditOperations implements AuditService {
    private static final String TYPE = "audit";
    private static final String OLDEST_FIRST_TAG = "oldest";
    private final Engine engine;

    AuditOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Page<AuditEvent> query(RequestContext context, AuditQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            AuditQuery scoped = scoped(call, query);
            return Cursors.page(cursorTag(query), page,
                    after -> engine.storage.auditTrail().find(scoped, after, page.limit() + 1),
                    e -> new Keyset(e.occurredAt(), e.id().value()));
        }, query, page);
    }

    /** Oldest-first cursors are tagged, so that neither order's cursor is taken by the other. */
    private static String cursorTag(AuditQuery query) {
        return query.oldestFirst() ? OLDEST_FIRST_TAG : Cursors.UNTAGGED;
    }

    @Override
    public void export(RequestContext context, AuditQuery query, Consumer<AuditEvent> sink) {
        Engine.required("query", query, "sink", sink);
        export(context, query, () -> { }, sink);
    }

    @Override
    public void exportCsv(RequestContext context, AuditQuery query, Writer out) {
        Engine.required("query", query, "out", out);
        AuditCsv csv = new AuditCsv(out);
        export(context, query, csv::header, csv::row);
    }

    /** Reads the first page (refused before anything is written), then starts the output and pages on. */
    private void export(RequestContext context, AuditQuery query, Runnable start, Consumer<AuditEvent> sink) {
        Page<AuditEvent> page = query(context, query, PageRequest.first(PageRequest.MAX_LIMIT));
        start.run();
        page.items().forEach(sink);
        while (page.hasNext()) {
            page = query(context, query, PageRequest.after(page.nextCursor(), PageRequest.MAX_LIMIT));
            page.items().forEach(sink);
        }
    }

    private AuditQuery scoped(Call call, AuditQuery query) {
        engine.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(call.actor().resellerId()));
        engine.filterReach.actors(call, query.actorIds());
        return Scope.audit(call.actor(), query).orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
    }
}
