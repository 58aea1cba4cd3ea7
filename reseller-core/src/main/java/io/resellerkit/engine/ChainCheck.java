package io.resellerkit.engine;

import io.resellerkit.AuditVerification.Break;
import io.resellerkit.AuditVerification.Problem;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import java.util.Iterator;

/**
 * Walks one chain in sequence order, from its checkpoint (the newest purged link, or the chain's
 * genesis) up to the head read before the walk began, and names its first broken link. Each event must carry the next sequence number (else events are missing),
 * link to the hash of the event before it (else two neighbours swapped, or the link was
 * rewritten), and hash to what it carries (else its content changed); the head must record the
 * last event's number and hash (else the chain's end is missing, or the head was rewritten).
 */
final class ChainCheck {
    private final ChainHead head;
    private final ChainCheckpoint from;
    private long checked;

    ChainCheck(ChainHead head) {
        this(head, ChainCheckpoint.genesis(head.chain()));
    }

    ChainCheck(ChainHead head, ChainCheckpoint from) {
        this.head = head;
        this.from = from;
    }

    /** How many events the walk read. */
    long checked() {
        return checked;
    }

    /** The first broken link of the chain as {@code events} gives it (in sequence order), or null. */
    Break firstBreak(Iterator<ChainedEvent> events) {
        String chain = head.chain();
        long expected = from.seq() + 1;
        String prevHash = from.hash();
        AuditEventId last = null;
        ChainedEvent next = nextUpToHead(events);
        while (next != null) {
            ChainedEvent e = next;
            next = nextUpToHead(events);
            checked++;
            ChainLink link = e.link();
            if (link.seq() != expected) {
                return new Break(chain, expected, e.event().id(), Problem.EVENT_MISSING, "events " + expected + " to "
                        + (link.seq() - 1) + " are missing: the next one found is " + link.seq());
            }
            if (!link.prevHash().equals(prevHash)) {
                boolean swapped = next != null && next.link().prevHash().equals(prevHash)
                        && link.prevHash().equals(next.link().hash());
                return swapped
                        ? new Break(chain, expected, e.event().id(), Problem.ORDER_CHANGED,
                                "event " + expected + " and the next one swapped places")
                        : new Break(chain, expected, e.event().id(), Problem.LINK_BROKEN,
                                "event " + expected + " does not link to the hash of the event before it");
            }
            if (!Auditor.chainOf(e.event()).equals(chain) || !link.hash().equals(link.hashOf(e.event()))) {
                return new Break(chain, expected, e.event().id(), Problem.CONTENT_CHANGED,
                        "event " + expected + " is not what was hashed when it was written");
            }
            prevHash = link.hash();
            last = e.event().id();
            expected++;
        }
        if (expected - 1 < head.seq()) {
            return new Break(chain, expected, null, Problem.EVENT_MISSING, "events " + expected + " to " + head.seq()
                    + " are missing: the chain's head records " + head.seq());
        }
        if (!prevHash.equals(head.hash())) {
            return new Break(chain, head.seq(), last, Problem.LINK_BROKEN,
                    "the chain's head records another hash than its last event's");
        }
        return null;
    }

    /** The next event, or null past the head: events appended since the head was read wait for the next check. */
    private ChainedEvent nextUpToHead(Iterator<ChainedEvent> events) {
        if (!events.hasNext()) {
            return null;
        }
        ChainedEvent e = events.next();
        return e.link().seq() <= head.seq() ? e : null;
    }
}
