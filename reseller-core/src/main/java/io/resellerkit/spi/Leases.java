package io.resellerkit.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Named leases, so that of many nodes on one database one at a time does a job (delivering to a
 * listener). A lease is a row (name, owner, expiry) changed only by conditional updates: no
 * advisory locks, so it works on databases that have none. Times come from the caller's clock;
 * nodes' clocks must agree to well within a lease's length.
 */
public interface Leases {

    /**
     * Takes the lease for {@code owner} until {@code until}, or renews it, in the caller's unit:
     * succeeds if nobody holds it, if {@code owner} holds it already, or if its holder's expiry is
     * at or before {@code now}.
     *
     * @return whether {@code owner} holds the lease now; false writes nothing
     */
    boolean acquire(String name, String owner, Instant now, Instant until);

    /** Gives the lease up if {@code owner} holds it, so another node may take it at once. */
    void release(String name, String owner);

    /** The lease as stored, expired or not; empty if it was never taken or was released. */
    Optional<Lease> find(String name);

    /** A lease as stored. */
    record Lease(String name, String owner, Instant expiresAt) {
    }
}
