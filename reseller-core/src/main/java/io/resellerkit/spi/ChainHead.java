package io.resellerkit.spi;

import java.util.Objects;

/**
 * The newest link of an audit chain, as its head row records it.
 *
 * @param chain the chain's name
 * @param seq   the sequence number of its newest event, 0 while it has none
 * @param hash  that event's hash, {@link ChainLink#GENESIS} while it has none
 */
public record ChainHead(String chain, long seq, String hash) {
    public ChainHead {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(hash, "hash");
    }

    /** The head of a chain that has no event yet. */
    public static ChainHead empty(String chain) {
        return new ChainHead(chain, 0, ChainLink.GENESIS);
    }
}
