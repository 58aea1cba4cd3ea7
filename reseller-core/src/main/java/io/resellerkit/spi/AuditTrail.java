package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import java.util.List;
import java.util.Optional;

/**
 * Stores audit events; they are never changed or deleted. Every event is a link of one hash
 * chain ({@link ChainLink}); each chain has a head that records its newest link. The core
 * appends in a write unit: {@link #lockChain} first, then {@link #append} with the link it
 * computed from that head.
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

    /** An event with its link as stored. */
    record ChainedEvent(AuditEvent event, ChainLink link) {
    }
}
