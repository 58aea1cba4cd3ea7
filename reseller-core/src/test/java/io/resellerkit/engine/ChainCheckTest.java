package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.resellerkit.AuditVerification.Break;
import io.resellerkit.AuditVerification.Problem;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainCheckTest {
    private static final String CHAIN = "reseller/r1";

    /** A chain of {@code n} events as the auditor writes it. */
    private static List<ChainedEvent> chain(int n) {
        List<ChainedEvent> events = new ArrayList<>();
        ChainHead head = ChainHead.empty(CHAIN);
        for (int i = 1; i <= n; i++) {
            AuditEvent e = new AuditEvent(AuditEventId.of("e" + i), Instant.EPOCH.plusSeconds(i), UserId.of("u"), null,
                    null, null, null, AuditAction.USER_CREATED, "user", "u" + i, ResellerId.of("r1"), List.of(),
                    null, null, null, null);
            ChainLink link = ChainLink.after(head, e);
            events.add(new ChainedEvent(e, link));
            head = new ChainHead(CHAIN, link.seq(), link.hash());
        }
        return events;
    }

    private static ChainHead headOf(List<ChainedEvent> events) {
        ChainLink last = events.get(events.size() - 1).link();
        return new ChainHead(CHAIN, last.seq(), last.hash());
    }

    private static Break check(ChainHead head, List<ChainedEvent> events) {
        return new ChainCheck(head).firstBreak(events.iterator());
    }

    @Test
    void anIntactChainHasNoBreakAndEveryEventIsCounted() {
        List<ChainedEvent> events = chain(5);
        ChainCheck check = new ChainCheck(headOf(events));
        assertNull(check.firstBreak(events.iterator()));
        assertEquals(5, check.checked());
    }

    @Test
    void eventsAppendedAfterTheHeadWasReadAreLeftForTheNextCheck() {
        List<ChainedEvent> events = chain(5);
        ChainCheck check = new ChainCheck(headOf(events.subList(0, 3)));
        assertNull(check.firstBreak(events.iterator()));
        assertEquals(3, check.checked());
    }

    @Test
    void anEventOfAnotherChainIsChangedContent() {
        List<ChainedEvent> events = chain(3);
        AuditEvent e = events.get(1).event();
        AuditEvent moved = new AuditEvent(e.id(), e.occurredAt(), e.actorId(), null, null, null, null,
                AuditAction.ACCESS_DENIED, e.resourceType(), e.resourceId(), e.resellerId(), List.of(), null, null,
                null, null);
        ChainLink link = events.get(1).link();
        // Relinked consistently: only the chain it names gives it away.
        events.set(1, new ChainedEvent(moved, new ChainLink(CHAIN, 2, link.prevHash(), ChainLink.hash(moved, link.prevHash()))));
        Break b = check(headOf(chain(3)), events);
        assertEquals(List.of(2L, Problem.CONTENT_CHANGED), List.of(b.seq(), b.problem()));
    }

    @Test
    void aHeadThatRecordsAnotherHashIsABrokenLinkAtTheLastEvent() {
        List<ChainedEvent> events = chain(3);
        Break b = check(new ChainHead(CHAIN, 3, "f".repeat(64)), events);
        assertEquals(List.of(3L, Problem.LINK_BROKEN), List.of(b.seq(), b.problem()));
        assertEquals(AuditEventId.of("e3"), b.eventId());
    }

    @Test
    void aMissingFirstEventIsFoundAtNumberOne() {
        List<ChainedEvent> events = chain(3);
        Break b = check(headOf(events), events.subList(1, 3));
        assertEquals(List.of(1L, Problem.EVENT_MISSING), List.of(b.seq(), b.problem()));
        assertEquals(AuditEventId.of("e2"), b.eventId());
    }
}
