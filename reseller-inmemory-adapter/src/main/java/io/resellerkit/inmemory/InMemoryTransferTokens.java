package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.spi.TransferTokens;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transfer tokens in memory, by the hash of their secret. Units of work run one writer at a time,
 * so a redemption sees the first one's mark if it committed, or none if it was undone.
 */
final class InMemoryTransferTokens implements TransferTokens {
    private final Transactions tx;
    private final Map<String, StoredToken> byHash = new ConcurrentHashMap<>();

    InMemoryTransferTokens(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(StoredToken token) {
        tx.change(() -> {
            if (byHash.containsKey(token.secretHash())
                    || byHash.values().stream().anyMatch(t -> t.id().equals(token.id()))) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "the transfer token exists");
            }
            byHash.put(token.secretHash(), token);
        }, () -> byHash.remove(token.secretHash()));
    }

    @Override
    public Optional<StoredToken> findByHash(String secretHash) {
        return tx.query(() -> Optional.ofNullable(byHash.get(secretHash)));
    }

    @Override
    public boolean redeem(String secretHash, Instant at) {
        boolean[] redeemed = new boolean[1];
        StoredToken[] before = new StoredToken[1];
        tx.change(() -> {
            before[0] = byHash.get(secretHash);
            if (before[0] != null && before[0].redeemedAt() == null) {
                StoredToken t = before[0];
                byHash.put(secretHash, new StoredToken(t.id(), t.secretHash(), t.organizationId(), t.toResellerId(),
                        t.issuedBy(), t.expiresAt(), at));
                redeemed[0] = true;
            }
        }, () -> {
            if (redeemed[0]) {
                byHash.put(secretHash, before[0]);
            }
        });
        return redeemed[0];
    }

    @Override
    public int voidOpen(io.resellerkit.model.OrganizationId organizationId, Instant at) {
        int voided = 0;
        for (StoredToken t : byHash.values()) {
            if (t.organizationId().equals(organizationId) && redeem(t.secretHash(), at)) {
                voided++;
            }
        }
        return voided;
    }
}
