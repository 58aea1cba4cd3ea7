package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.query.AuditQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores audit events. Every event is a link of one hash chain ({@link ChainLink}); each chain has
 * a head that records its newest link, and a checkpoint that records its newest purged one. The
 * core appends in a write unit: {@link #lockChain} first, then {@link #append} with the link it
 * computed from that head. Events change only by retention ({@link #purge}: the oldest links of a
 * chain deleted, the checkpoint moved, under the chain's lock) and by erasure ({@link #rewrite}:
 * personal values replaced with pseudonyms); nothing else changes or deletes them.
 */
public interface AuditTrail {

    /**
     * The chain's head, locked until the caller's write unit ends, so that no other unit (of any
     * thread or JVM) appends to the chain until then; {@link ChainHead#empty} if the chain has
     * no event yet. A database adapter locks the chain's head row (creating it if missing).
     */
    ChainHead lockChain(String chain);

    /**
     * Appends {@code event} with its {@code link}, inside the unit that locked
     * {@code link.chain()}, and moves the chain's head to the link's sequence number and hash.
     *
     * @throws IllegalStateException if the chain's head is not at {@code link.seq() - 1}
     * @throws io.resellerkit.error.ConflictException of kind {@code DUPLICATE} if the event's id is taken
     */
    void append(AuditEvent event, ChainLink link);

    /**
     * Appends events with their links, consecutive in one chain, as {@link #append} each would;
     * an adapter may send them together and move the head once (the JDBC adapter does).
     */
    default void appendAll(java.util.List<AuditEvent> events, java.util.List<ChainLink> links) {
        for (int i = 0; i < events.size(); i++) {
            append(events.get(i), links.get(i));
        }
    }

    /** The chain's head as committed, empty if the chain has no event. */
    Optional<ChainHead> chainHead(String chain);

    /**
     * Up to {@code limit} events of the chain whose sequence number is above {@code afterSeq},
     * in sequence order, each with its link exactly as stored. Events stored before the adapter
     * kept chains (none for a new database) belong to no chain.
     */
    List<ChainedEvent> chain(String chain, long afterSeq, int limit);

    /**
     * Up to {@code limit} events matching {@code query} ({@link AuditQuery#matches}), in the
     * query's order: newest first (occurredAt, then id, both descending) by default, or oldest
     * first (both ascending) if {@link AuditQuery#oldestFirst()}; starting after {@code after}
     * in that order (null for the first page).
     */
    List<AuditEvent> find(AuditQuery query, Keyset after, int limit);

    /** The names of every chain that has a head, in name order. */
    List<String> chains();

    /** The chain's checkpoint as committed: {@link ChainCheckpoint#genesis} if nothing was purged from it. */
    ChainCheckpoint checkpoint(String chain);

    /**
     * Inside the unit that locked {@code checkpoint.chain()}: deletes the chain's events after its
     * current checkpoint up to and including {@code checkpoint.seq()}, and moves the checkpoint
     * there. The core passes at most a batch's worth of links.
     *
     * @return how many events were deleted
     * @throws IllegalStateException if {@code checkpoint.seq()} is behind the current checkpoint or
     *                               past the chain's head
     */
    long purge(ChainCheckpoint checkpoint);

    /**
     * The stored links of the given events (at most 1,000 ids); events that belong to no chain are
     * left out.
     */
    Map<AuditEventId, ChainLink> links(Collection<AuditEventId> events);

    /**
     * Erasure: stores {@code event} (an event of the trail with only personal values replaced) and,
     * if the event has a link, {@code seals} as its link's seals. Nothing else of the event or its
     * link changes; an event that is gone (purged meanwhile) is left alone.
     */
    void rewrite(AuditEvent event, Map<String, String> seals);

    /** An event with its link as stored. */
    record ChainedEvent(AuditEvent event, ChainLink link) {
    }
}
