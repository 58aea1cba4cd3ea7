package io.resellerkit.spi;

import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys: which write an actor made under which key, so that the same write sent again
 * with the same key returns the first one's result instead of writing twice. Keys belong to one
 * actor: another actor's key of the same text is another key.
 *
 * <p>The core decides everything (what counts as the same write, when a key expires, what a
 * replay returns); the store keeps one row per actor and key, unique, changed inside the caller's
 * unit of work. The core claims a key first in the unit of the write it guards, and records the
 * write's result in the same unit, so a key and its write commit together or not at all: a write
 * that fails leaves no key behind. The uniqueness of (actor, key) is what makes a concurrent
 * duplicate safe: its {@link #claim} waits until the unit holding the key ends, then fails with
 * {@code DUPLICATE} if that unit committed, or succeeds if it rolled back (as a database's unique
 * constraint does; the in-memory adapter gets the same from its single writer).
 */
public interface IdempotencyKeys {

    /**
     * A key as stored.
     *
     * @param actorId      the actor the key belongs to
     * @param key          the key as the client sent it
     * @param fingerprint  the core's digest of the operation and its arguments (64 hex characters)
     * @param expiresAt    when the key stops counting, to the microsecond
     * @param resourceType the type of the resource the write returned ({@code user}, {@code license}...),
     *                     or null if it returned none (a delete)
     * @param resourceId   that resource's id, or null if it returned none
     */
    record StoredKey(UserId actorId, String key, String fingerprint, Instant expiresAt, String resourceType,
                     String resourceId) {
    }

    /**
     * Stores the actor's key with the fingerprint of the write it guards and no result yet,
     * inside the caller's unit of work. If another open unit holds the same actor and key, waits
     * for it to end.
     *
     * @throws io.resellerkit.error.ConflictException of kind DUPLICATE if the actor has the key
     *                                                already (expired or not)
     */
    void claim(UserId actorId, String key, String fingerprint, Instant expiresAt);

    /**
     * Records the result of the write that claimed the key, in the same unit of work.
     *
     * @param resourceType the returned resource's type, or null if the write returned none
     * @param resourceId   its id, or null
     */
    void complete(UserId actorId, String key, String resourceType, String resourceId);

    /** The actor's key as committed, whether expired or not. */
    Optional<StoredKey> find(UserId actorId, String key);

    /** Removes the actor's keys that expire at or before {@code now}; the core calls it before each claim. */
    void forgetExpired(UserId actorId, Instant now);
}
