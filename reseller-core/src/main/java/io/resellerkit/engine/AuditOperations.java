package io.resellerkit.engine;

import io.resellerkit.AuditService;
import io.resellerkit.AuditVerification;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.Constraints;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.UserId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.PersonalSeals;
import io.resellerkit.spi.Keyset;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Events per unit of an erasure, which reads the whole trail. */
    static final int ERASE_PAGE = 500;
    private static final AuditQuery ERASE_SCAN = AuditQuery.all().withOldestFirst();
    /** Walks of one chain by a verification when purges keep moving its checkpoint. */
    private static final int MAX_VERIFY_ATTEMPTS = 3;
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
        exportChained(context, query, csv::header, csv::row);
    }

    @Override
    public void exportChained(RequestContext context, AuditQuery query, Consumer<ChainedEvent> sink) {
        Engine.required("query", query, "sink", sink);
        exportChained(context, query, () -> { }, sink);
    }

    /** Each page's events with their links, read in a unit of their own after the page. */
    private void exportChained(RequestContext context, AuditQuery query, Runnable start, Consumer<ChainedEvent> sink) {
        exportPages(context, query, start, events -> {
            Map<AuditEventId, ChainLink> links = engine.runner.read(context, TYPE, call -> {
                engine.runner.require(call, Operation.AUDIT_READ, Target.auditTrail(call.actor().resellerId()));
                return engine.storage.auditTrail().links(events.stream().map(AuditEvent::id).toList());
            });
            events.forEach(e -> sink.accept(new ChainedEvent(e, links.get(e.id()))));
        });
    }

    /** Reads the first page (refused before anything is written), then starts the output and pages on. */
    private void export(RequestContext context, AuditQuery query, Runnable start, Consumer<AuditEvent> sink) {
        exportPages(context, query, start, events -> events.forEach(sink));
    }

    private void exportPages(RequestContext context, AuditQuery query, Runnable start, Consumer<List<AuditEvent>> sink) {
        Page<AuditEvent> page = query(context, query, PageRequest.first(PageRequest.MAX_LIMIT));
        start.run();
        sink.accept(page.items());
        while (page.hasNext()) {
            page = query(context, query, PageRequest.after(page.nextCursor(), PageRequest.MAX_LIMIT));
            sink.accept(page.items());
        }
    }

    @Override
    public AuditVerification verify(RequestContext context, ResellerId resellerId) {
        long checked = 0;
        List<AuditVerification.Head> heads = new ArrayList<>();
        AuditVerification.Break firstBreak = null;
        for (Auditor.Stream stream : Auditor.Stream.values()) {
            String chain = Auditor.chain(resellerId, stream);
            for (int attempt = 1; ; attempt++) {
                ChainCheckpoint from = readChain(context, resellerId, trail -> trail.checkpoint(chain));
                ChainHead head = readChain(context, resellerId, trail -> trail.chainHead(chain).orElse(ChainHead.empty(chain)));
                ChainCheck check = new ChainCheck(head, from);
                AuditVerification.Break broken = check.firstBreak(pages(context, resellerId, chain, from.seq()));
                // A purge that ran meanwhile deleted links the walk expected: walk again from its checkpoint.
                if (broken != null && attempt < MAX_VERIFY_ATTEMPTS
                        && !readChain(context, resellerId, trail -> trail.checkpoint(chain)).equals(from)) {
                    continue;
                }
                heads.add(new AuditVerification.Head(chain, head.seq(), head.hash(), from.seq()));
                checked += check.checked();
                if (firstBreak == null) {
                    firstBreak = broken;
                }
                break;
            }
        }
        return new AuditVerification(resellerId, checked, heads, firstBreak);
    }

    @Override
    public long purge(RequestContext context, Instant olderThan, int batchSize) {
        Engine.required("context", context, "olderThan", olderThan);
        if (batchSize < 1 || batchSize > MAX_PURGE_BATCH) {
            throw ValidationException.of("batchSize", "Range", "must be from 1 to " + MAX_PURGE_BATCH);
        }
        // A purge is safe to run again; one key for its many units would replay the first one's result.
        RequestContext unkeyed = context.withIdempotencyKey(null);
        Instant cutoff = Engine.stored(olderThan);
        List<String> chains = engine.runner.read(unkeyed, TYPE, call -> {
            engine.runner.require(call, Operation.AUDIT_PURGE, Target.auditTrail(null));
            return engine.storage.auditTrail().chains();
        });
        long purged = 0;
        int chainsPurged = 0;
        for (String chain : chains) {
            long fromChain = 0;
            long batch;
            do {
                batch = engine.runner.write(unkeyed, TYPE, Operation.AUDIT_PURGE, call -> {
                    engine.runner.require(call, Operation.AUDIT_PURGE, Target.auditTrail(null));
                    return purgeBatch(call, chain, cutoff, batchSize);
                });
                fromChain += batch;
            } while (batch == batchSize);
            purged += fromChain;
            chainsPurged += fromChain > 0 ? 1 : 0;
        }
        long events = purged;
        int chainCount = chainsPurged;
        engine.runner.write(unkeyed, TYPE, Operation.AUDIT_PURGE, call -> {
            engine.runner.require(call, Operation.AUDIT_PURGE, Target.auditTrail(null));
            engine.auditor.recorded(call, AuditAction.AUDIT_PURGED, TYPE, null, List.of(
                    new FieldChange("olderThan", null, cutoff.toString()),
                    new FieldChange("eventsPurged", null, Long.toString(events)),
                    new FieldChange("chainsPurged", null, Integer.toString(chainCount))));
            return null;
        });
        return purged;
    }

    /**
     * One unit of a purge: under the chain's lock, the oldest links after its checkpoint that are
     * older than the cutoff (a prefix, never past the head), checked and then deleted.
     */
    private long purgeBatch(Call call, String chain, Instant cutoff, int batchSize) {
        AuditTrail trail = engine.storage.auditTrail();
        ChainHead head = trail.lockChain(chain);
        ChainCheckpoint from = trail.checkpoint(chain);
        List<ChainedEvent> old = new ArrayList<>();
        for (ChainedEvent e : trail.chain(chain, from.seq(), batchSize)) {
            if (e.link().seq() > head.seq() || !e.event().occurredAt().isBefore(cutoff)) {
                break;
            }
            old.add(e);
        }
        if (old.isEmpty()) {
            return 0;
        }
        ChainLink last = old.get(old.size() - 1).link();
        AuditVerification.Break broken = new ChainCheck(new ChainHead(chain, last.seq(), last.hash()), from)
                .firstBreak(old.iterator());
        if (broken != null) {
            throw new ConflictException(ConflictException.Kind.INVALID_STATE, "audit chain " + chain + " is broken at "
                    + broken.seq() + " (" + broken.problem() + "); nothing of it was purged: verify it first");
        }
        trail.purge(new ChainCheckpoint(chain, last.seq(), last.hash(), engine.now(), call.actor().id().value()));
        return old.size();
    }

    @Override
    public long erase(RequestContext context, UserId userId, String email) {
        Engine.required("context", context);
        if (userId == null && email == null) {
            throw ValidationException.of("userId", "NotNull", "a user id or an email must be given");
        }
        if (email != null && (email.isBlank() || email.length() > Constraints.MAX_EMAIL)) {
            throw ValidationException.of("email", "Size", "must be 1 to " + Constraints.MAX_EMAIL + " characters");
        }
        RequestContext unkeyed = context.withIdempotencyKey(null);
        Erasure erasure = new Erasure(userId, Engine.email(email), PersonalSeals.PSEUDONYM_PREFIX + engine.newId());
        engine.runner.read(unkeyed, TYPE, call -> {
            engine.runner.require(call, Operation.AUDIT_ERASE, Target.auditTrail(null));
            boolean exists = userId != null && engine.storage.users().findById(userId).isPresent()
                    || erasure.email() != null && !engine.storage.users().find(
                            UserQuery.all().withEmail(TextMatch.equalTo(erasure.email())), null, 1).isEmpty();
            if (exists) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "the user still exists: delete it first, then erase it from the audit trail");
            }
            return null;
        });
        long erased = 0;
        Keyset after = null;
        do {
            Keyset from = after;
            ErasedPage page = engine.runner.write(unkeyed, TYPE, Operation.AUDIT_ERASE, call -> {
                engine.runner.require(call, Operation.AUDIT_ERASE, Target.auditTrail(null));
                return eraseBatch(erasure, from);
            });
            erased += page.rewritten();
            after = page.next();
        } while (after != null);
        long events = erased;
        engine.runner.write(unkeyed, TYPE, Operation.AUDIT_ERASE, call -> {
            engine.runner.require(call, Operation.AUDIT_ERASE, Target.auditTrail(null));
            engine.auditor.recorded(call, AuditAction.AUDIT_ERASED, "user", userId == null ? null : userId.value(),
                    List.of(new FieldChange("pseudonym", null, erasure.pseudonym()),
                            new FieldChange("eventsErased", null, Long.toString(events))));
            return null;
        });
        return erased;
    }

    /**
     * One unit of an erasure: the next page of the whole trail, oldest first, with the person's
     * values in each event replaced.
     */
    private ErasedPage eraseBatch(Erasure erasure, Keyset after) {
        AuditTrail trail = engine.storage.auditTrail();
        List<AuditEvent> page = trail.find(ERASE_SCAN, after, ERASE_PAGE);
        Map<AuditEvent, Set<String>> theirs = new LinkedHashMap<>();
        for (AuditEvent e : page) {
            Set<String> paths = erasure.paths(e);
            if (!paths.isEmpty()) {
                theirs.put(e, paths);
            }
        }
        if (!theirs.isEmpty()) {
            Map<AuditEventId, ChainLink> links = trail.links(theirs.keySet().stream().map(AuditEvent::id).toList());
            theirs.forEach((e, paths) -> trail.rewrite(erasure.pseudonymized(e, paths),
                    erasure.seals(e, links.get(e.id()), paths)));
        }
        AuditEvent last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new ErasedPage(theirs.size(), page.size() < ERASE_PAGE ? null : new Keyset(last.occurredAt(), last.id().value()));
    }

    /** What one unit of an erasure did: events rewritten, and where the next unit reads on (null: done). */
    private record ErasedPage(long rewritten, Keyset next) {
    }

    /** The chain's events in sequence order, read a page at a time, each page in a read unit of its own. */
    private Iterator<ChainedEvent> pages(RequestContext context, ResellerId resellerId, String chain, long fromSeq) {
        return new Iterator<>() {
            private List<ChainedEvent> page = List.of();
            private int next;
            private long afterSeq = fromSeq;
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
