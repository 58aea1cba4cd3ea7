package io.resellerkit;

import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditService#verify} found: every event of the owner's chains checked, and the
 * first broken link if there is one.
 *
 * @param resellerId    whose chains were checked, null for the vendor's
 * @param eventsChecked how many events were read and checked
 * @param heads         each chain's newest link as its head row recorded it when the check began;
 *                      keep these hashes somewhere the database's admins cannot write (see
 *                      SECURITY.md) and compare them later: a chain rewritten from some event on,
 *                      consistently, verifies, but no longer ends in the hash you kept
 * @param firstBreak    the first broken link, null if every link holds
 */
public record AuditVerification(ResellerId resellerId, long eventsChecked, List<Head> heads, Break firstBreak) {
    public AuditVerification {
        heads = List.copyOf(heads);
    }

    /** True if every link of every chain holds. */
    public boolean ok() {
        return firstBreak == null;
    }

    /** The first broken link, if any. */
    public Optional<Break> broken() {
        return Optional.ofNullable(firstBreak);
    }

    /**
     * Checks one chain's events as exported ({@link AuditService#exportChained}, or parsed back from
     * a CSV or JSON lines export), offline: in sequence order, from the chain's checkpoint
     * ({@code fromSeq}, {@code fromHash}: 0 and 64 zeros for a chain never purged, else its head's
     * {@link Head#purgedThrough()} and the hash the first kept event links to) to its last event.
     * The same checks as {@link AuditService#verify}, except the head, which an export does not
     * carry: compare the last event's hash with a head you kept.
     *
     * @param events one chain's events with their links, in sequence order
     * @return the first broken link, if any
     */
    public static Optional<Break> check(long fromSeq, String fromHash, List<ChainedEvent> events) {
        return Optional.ofNullable(ResellerKit.checkChain(fromSeq, fromHash, events));
    }

    /**
     * A chain's head.
     *
     * @param chain          {@code vendor} or {@code reseller/<id>} (changes), with {@code /refusals}
     *                       appended for refused attempts, {@code /reads} for reads under an access grant
     * @param seq            the sequence number of its newest event, 0 if it has none
     * @param hash           that event's hash (lower-case hex SHA-256), 64 zeros if it has none
     * @param purgedThrough  the sequence number of the newest event retention deleted (the chain's
     *                       checkpoint, where the check started), 0 if none
     */
    public record Head(String chain, long seq, String hash, long purgedThrough) {
        /** The head of a chain nothing was purged from. */
        public Head(String chain, long seq, String hash) {
            this(chain, seq, hash, 0);
        }
    }

    /**
     * A broken link.
     *
     * @param chain   the chain it is in
     * @param seq     the sequence number where the chain breaks: the changed, moved or relinked
     *                event's, or the first missing one
     * @param eventId the event at that place; for a missing event the one found after the gap,
     *                null if the chain's end is missing
     * @param problem what is wrong
     * @param detail  the same in words
     */
    public record Break(String chain, long seq, AuditEventId eventId, Problem problem, String detail) {
    }

    /** What is wrong with a link. */
    public enum Problem {
        /** The event's content (or its link's hash) is not what was hashed when it was written. */
        CONTENT_CHANGED,
        /** Sequence numbers skip: events were deleted (at the chain's end too: the head records more). */
        EVENT_MISSING,
        /** Two neighbours swapped places: each links to the other's predecessor. */
        ORDER_CHANGED,
        /** The event does not link to the hash of the event before it, or the head to the last one. */
        LINK_BROKEN
    }
}
