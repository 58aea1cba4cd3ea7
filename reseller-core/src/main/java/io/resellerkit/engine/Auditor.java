package io.resellerkit.engine;

import io.resellerkit.model.AuditAction;
import io.resellerkit.RequestContext;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.Entity;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.IdGenerator;
import io.resellerkit.spi.PersonalSeals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes the audit trail: one event for every change and for every refused attempt, each the next
 * link of its chain. A reseller's changes form one chain, changes that concern no reseller the
 * vendor's; refused attempts and reads under an access grant have chains of their own beside
 * them ({@link Stream}).
 */
final class Auditor {
    private final AuditTrail trail;
    private final Supplier<Instant> clock;
    private final IdGenerator ids;

    Auditor(AuditTrail trail, Supplier<Instant> clock, IdGenerator ids) {
        this.trail = trail;
        this.clock = clock;
        this.ids = ids;
    }

    /** Records a change; {@code before} is null for a create, {@code after} null for a delete. */
    void changed(Call call, AuditAction action, String resourceType, String resourceId, ResellerId reseller,
                 Entity<?> before, Entity<?> after) {
        List<FieldChange> changes = diff(before == null ? Map.of() : before.auditFields(),
                after == null ? Map.of() : after.auditFields());
        append(call.context(), call.actor(), call.grantUsed(), action, resourceType, resourceId, reseller, changes,
                null);
    }

    /** Records an operation on the trail itself (a purge, an erasure), with the changes it describes. */
    void recorded(Call call, AuditAction action, String resourceType, String resourceId, List<FieldChange> changes) {
        append(call.context(), call.actor(), call.grantUsed(), action, resourceType, resourceId, null, changes, null);
    }

    /** Records a change of something that is not an entity (an access grant): its fields before and after. */
    void changedFields(Call call, AuditAction action, String resourceType, String resourceId, ResellerId reseller,
                       Map<String, String> before, Map<String, String> after) {
        append(call.context(), call.actor(), call.grantUsed(), action, resourceType, resourceId, reseller,
                diff(before, after), null);
    }

    /** Records a read the call did under its access grant: what it read, in that reseller's chain. */
    void readUnderGrant(Call call) {
        Target t = call.grantTarget();
        append(call.context(), call.actor(), call.grantUsed(), AuditAction.ACCESS_USED, t.resourceType(),
                t.resourceId(), t.resellerId(), List.of(), null);
    }

    /**
     * Records a refused attempt; {@code call} is null when the caller is not a stored user. A
     * refusal after a step done under an access grant names the grant.
     */
    void refused(RequestContext context, Call call, Refusal refusal) {
        Target t = refusal.target;
        Actor actor = call == null ? null : call.actor();
        append(context, actor, call == null ? null : call.grantUsed(), refusal.action, t.resourceType(), t.resourceId(), refusal.concerning, List.of(),
                refusal.error.getMessage());
    }

    /**
     * Records the creation of many rows of reseller {@code reseller}, one event each, in their
     * order: the chain is locked once and the links go to the trail together.
     */
    void createdAll(Call call, List<Created> rows, ResellerId reseller) {
        if (rows.isEmpty()) {
            return;
        }
        List<AuditEvent> events = new ArrayList<>(rows.size());
        for (Created row : rows) {
            events.add(event(call.context(), call.actor(), call.grantUsed(), row.action(), row.resourceType(),
                    row.entity().id().toString(), reseller, diff(Map.of(), row.entity().auditFields()), null));
        }
        ChainHead head = trail.lockChain(chainOf(events.get(0)));
        List<ChainLink> links = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            ChainLink link = ChainLink.after(head, e, PersonalSeals.seal(e));
            links.add(link);
            head = new ChainHead(link.chain(), link.seq(), link.hash());
        }
        trail.appendAll(events, links);
    }

    /** A row created, for {@link #createdAll}. */
    record Created(AuditAction action, String resourceType, Entity<?> entity) {
    }

    /** Who acted comes from the stored actor ({@code null} if unknown), the request's details from the context. */
    private void append(RequestContext context, Actor actor, String grantId, AuditAction action, String resourceType,
                        String resourceId, ResellerId reseller, List<FieldChange> changes, String reason) {
        AuditEvent event = event(context, actor, grantId, action, resourceType, resourceId, reseller, changes, reason);
        // The head stays locked until the unit commits: the chain's next link waits for this one.
        ChainHead head = trail.lockChain(chainOf(event));
        trail.append(event, ChainLink.after(head, event, PersonalSeals.seal(event)));
    }

    private AuditEvent event(RequestContext context, Actor actor, String grantId, AuditAction action,
                             String resourceType, String resourceId, ResellerId reseller, List<FieldChange> changes,
                             String reason) {
        boolean known = actor != null;
        return new AuditEvent(AuditEventId.of(ids.newId()), clock.get(), context.actorId(),
                known ? actor.role() : null, known ? actor.resellerId() : null, known ? actor.name() : null,
                known ? actor.email() : null, action, resourceType, resourceId, reseller, changes,
                context.requestId(), context.clientIp(), context.userAgent(), reason, grantId);
    }

    /**
     * Locks the change chains of several resellers in one fixed order (by chain name), for a unit
     * that writes events to more than one: two such units in opposite directions (transfers A to B
     * and B to A) would otherwise each hold one head and wait for the other's.
     */
    void lockChainsInOrder(ResellerId... resellers) {
        java.util.Arrays.stream(resellers).map(r -> chain(r, Stream.CHANGES)).distinct().sorted()
                .forEach(trail::lockChain);
    }

    /**
     * An owner's chains. Refusals and reads under a grant are written in a unit of their own
     * ({@link io.resellerkit.spi.UnitOfWork#writeIndependently}), which must not wait for the
     * caller's transaction: in host mode that transaction may hold the changes' chain.
     */
    enum Stream {
        CHANGES(""), REFUSALS("/refusals"), READS("/reads");

        private final String suffix;

        Stream(String suffix) {
            this.suffix = suffix;
        }
    }

    /** The chain an event belongs to, decided by its content alone. */
    static String chainOf(AuditEvent event) {
        Stream stream = switch (event.action()) {
            case ACCESS_DENIED, QUOTA_EXCEEDED -> Stream.REFUSALS;
            case ACCESS_USED -> Stream.READS;
            default -> Stream.CHANGES;
        };
        return chain(event.resellerId(), stream);
    }

    /** {@code vendor} or {@code reseller/<id>}, with {@code /refusals} or {@code /reads} beside the changes. */
    static String chain(ResellerId reseller, Stream stream) {
        return (reseller == null ? "vendor" : "reseller/" + reseller.value()) + stream.suffix;
    }

    /** The fields whose values differ, in the order the entity lists them. */
    static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String f : fields) {
            String old = before.get(f);
            String now = after.get(f);
            if (!Objects.equals(old, now)) {
                changes.add(new FieldChange(f, old, now));
            }
        }
        return changes;
    }
}
