package io.resellerkit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a purged audit chain now starts: the newest link that retention deleted. Verification
 * starts after it instead of at the chain's first event, linking the first kept event to its
 * hash. Kept with the chain's head.
 *
 * @param chain    the chain's name
 * @param seq      the sequence number of the newest purged event, 0 if nothing was purged
 * @param hash     that event's hash, {@link ChainLink#GENESIS} if nothing was purged
 * @param purgedAt when the purge that moved it ran, null if nothing was purged
 * @param purgedBy the id of the actor who ran it, null if nothing was purged
 */
public record ChainCheckpoint(String chain, long seq, String hash, Instant purgedAt, String purgedBy) {
    public ChainCheckpoint {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(hash, "hash");
    }

    /** The checkpoint of a chain nothing was purged from: its genesis. */
    public static ChainCheckpoint genesis(String chain) {
        return new ChainCheckpoint(chain, 0, ChainLink.GENESIS, null, null);
    }
}
