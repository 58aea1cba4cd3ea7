package io.resellerkit.inmemory;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.testkit.AuditTampering;

/** Tampers with the in-memory audit trail through its test hooks. */
final class InMemoryTampering implements AuditTampering {
    private final InMemoryAuditTrail trail;

    InMemoryTampering(InMemoryAuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void changeRequestId(AuditEventId event, String requestId) {
        trail.tamperWithEvent(event.value(), e -> new AuditEvent(e.id(), e.occurredAt(), e.actorId(), e.actorRole(),
                e.actorResellerId(), e.actorName(), e.actorEmail(), e.action(), e.resourceType(), e.resourceId(),
                e.resellerId(), e.changes(), requestId, e.clientIp(), e.userAgent(), e.reason()));
    }

    @Override
    public void delete(AuditEventId event) {
        trail.tamperByDeleting(event.value());
    }

    @Override
    public void swapPlaces(AuditEventId first, AuditEventId second) {
        trail.tamperBySwapping(first.value(), second.value());
    }

    @Override
    public void relink(AuditEventId event, String prevHash) {
        trail.tamperWithLink(event.value(), l -> new ChainLink(l.chain(), l.seq(), prevHash, l.hash()));
    }
}
