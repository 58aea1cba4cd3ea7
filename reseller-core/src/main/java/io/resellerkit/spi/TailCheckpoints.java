package io.resellerkit.spi;

import java.time.Instant;
import java.util.List;

/**
 * Where each consumer of the audit trail stands in each chain: the sequence number of the last
 * event it has handled ({@link ChainLink#seq()}). A chain's sequence numbers follow commit order
 * without gaps, so "every event above my position" misses nothing however long a transaction
 * ran, and repeats nothing once the position moved past it.
 */
public interface TailCheckpoints {

    /** The consumer's position in the chain: the last sequence number it handled, 0 if none. */
    long position(String consumer, String chain);

    /**
     * Moves the consumer's position in the chain forward to {@code seq}, in the caller's unit;
     * never back.
     *
     * @return false, writing nothing, if the position is already at or past {@code seq}
     */
    boolean advance(String consumer, String chain, long seq);

    /**
     * Up to {@code limit} chains whose head is past the consumer's position, in chain-name order
     * (by UTF-16 code units, which for the ASCII chain names is byte order), starting after
     * {@code afterChain} (null for the first page).
     */
    List<ChainLag> behind(String consumer, String afterChain, int limit);

    /**
     * A chain the consumer has not caught up with.
     *
     * @param chain         the chain's name
     * @param position      the consumer's position, 0 if it has none
     * @param head          the chain's newest sequence number, above {@code position}
     * @param oldestPending when the first event past the position occurred
     */
    record ChainLag(String chain, long position, long head, Instant oldestPending) {
        /** How many events of the chain the consumer has not handled. */
        public long pending() {
            return head - position;
        }
    }
}
