package io.resellerkit.testkit;

import io.resellerkit.model.AuditEventId;

/**
 * What someone with write access to an adapter's store could do to the audit trail behind the
 * library's back: for {@link AuditChainContract}, which checks that verification finds each at the
 * right event. A database adapter's tests implement it with SQL on the shipped tables; an
 * in-memory adapter with a test hook on its store.
 */
public interface AuditTampering {
    /** Changes the stored request id of the event (a field of its content). */
    void changeRequestId(AuditEventId event, String requestId);

    /** Deletes the event. */
    void delete(AuditEventId event);

    /** Swaps two events of one chain: each takes the other's sequence number, nothing else changes. */
    void swapPlaces(AuditEventId first, AuditEventId second);

    /** Rewrites the hash the event records for the event before it. */
    void relink(AuditEventId event, String prevHash);
}
