package io.resellerkit.engine;

import io.resellerkit.AuditService;
import io.resellerkit.AuditVerification;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.Keyset;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the audit trail. The vendor reads all of it; a reseller's staff read the events that
 * concern their own reseller.
 */
final class AuditOperations implements AuditService {
    private static final String TYPE = "audit";
    private static final String OLDEST_FIRST_TAG = "oldest";
    /** Events per read unit of a verification. */
    static final int VERIFY_PAGE = 500;
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

    @Override
    public AuditVerification verify(RequestContext context, ResellerId resellerId) {
        long checked = 0;
        List<AuditVerification.Head> heads = new ArrayList<>();
        AuditVerification.Break firstBreak = null;
        for (boolean refusals : new boolean[] {false, true}) {
            String chain = Auditor.chain(resellerId, refusals);
            ChainHead head = readChain(context, resellerId, trail -> trail.chainHead(chain).orElse(ChainHead.empty(chain)));
            heads.add(new AuditVerification.Head(chain, head.seq(), head.hash()));
            ChainCheck check = new ChainCheck(head);
            AuditVerification.Break broken = check.firstBreak(pages(context, resellerId, chain));
            checked += check.checked();
            if (firstBreak == null) {
                firstBreak = broken;
            }
        }
        return new AuditVerification(resellerId, checked, heads, firstBreak);
    }

    /** The chain's events in sequence order, read a page at a time, each page in a read unit of its own. */
    private Iterator<ChainedEvent> pages(RequestContext context, ResellerId resellerId, String chain) {
        return new Iterator<>() {
            private List<ChainedEvent> page = List.of();
            private int next;
            private long afterSeq;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next == page.size() && !last) {
                    long after = afterSeq;
                    page = readChain(context, resellerId, trail -> trail.chain(chain, after, VERIFY_PAGE));
                    next = 0;
                    last = page.size() < VERIFY_PAGE;
                    if (!page.isEmpty()) {
                        afterSeq = page.get(page.size() - 1).link().seq();
                    }
                }
                return next < page.size();
            }

            @Override
            public ChainedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    /** Reads from the trail in a read unit, if the actor may read the owner's trail. */
    private <T> T readChain(RequestContext context, ResellerId resellerId, Function<AuditTrail, T> read) {
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(resellerId));
            return read.apply(engine.storage.auditTrail());
        });
    }

    private AuditQuery scoped(Call call, AuditQuery query) {
        engine.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(call.actor().resellerId()));
        engine.filterReach.actors(call, query.actorIds());
        return Scope.audit(call.actor(), query).orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
    }
}
