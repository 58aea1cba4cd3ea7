package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.IdempotencyKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys in memory. Units of work run one writer at a time, so a claim never meets an
 * open unit's key: a duplicate waits for the write lock and then sees the first unit's key if it
 * committed, or none if it was undone, as a database's unique constraint would let it.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    /** An actor's key. */
    private record Id(UserId actorId, String key) {
    }

    private final Transactions tx;
    private final Map<Id, StoredKey> keys = new ConcurrentHashMap<>();

    InMemoryIdempotencyKeys(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void claim(UserId actorId, String key, String fingerprint, Instant expiresAt) {
        Id id = new Id(actorId, key);
        tx.change(() -> {
            if (keys.putIfAbsent(id, new StoredKey(actorId, key, fingerprint, expiresAt, null, null)) != null) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "the idempotency key is taken");
            }
        }, () -> keys.remove(id));
    }

    @Override
    public void complete(UserId actorId, String key, String resourceType, String resourceId) {
        Id id = new Id(actorId, key);
        StoredKey[] before = new StoredKey[1];
        tx.change(() -> {
            before[0] = keys.get(id);
            if (before[0] != null) {
                keys.put(id, new StoredKey(actorId, key, before[0].fingerprint(), before[0].expiresAt(), resourceType,
                        resourceId));
            }
        }, () -> {
            if (before[0] != null) {
                keys.put(id, before[0]);
            }
        });
    }

    @Override
    public Optional<StoredKey> find(UserId actorId, String key) {
        return tx.query(() -> Optional.ofNullable(keys.get(new Id(actorId, key))));
    }

    @Override
    public void forgetExpired(UserId actorId, Instant now) {
        List<StoredKey> expired = tx.query(() -> keys.values().stream()
                .filter(k -> k.actorId().equals(actorId) && !k.expiresAt().isAfter(now)).toList());
        for (StoredKey k : expired) {
            Id id = new Id(k.actorId(), k.key());
            tx.change(() -> keys.remove(id), () -> keys.put(id, k));
        }
    }
}
