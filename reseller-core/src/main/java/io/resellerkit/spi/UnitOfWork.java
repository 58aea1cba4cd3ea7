package io.resellerkit.spi;

import java.util.function.Supplier;

/**
 * Runs work atomically: every store call inside one {@code write} commits together, or, if
 * the work throws, none does. The core never opens a unit inside another; an adapter needs no
 * savepoints (a call made inside an open unit may simply join it).
 */
public interface UnitOfWork {

    /**
     * Runs {@code work} in a unit that may write; commits if it returns, rolls back if it throws.
     * An adapter may run {@code work} again from its start after the database refused the unit
     * for a transient conflict (a serialization failure or a deadlock, SQLState 40001 or 40P01),
     * so the work must have no effect outside storage.
     */
    <T> T write(Supplier<T> work);

    /**
     * Runs {@code work} in a unit that only reads. Each store call sees committed data only; two
     * calls in one unit may see different committed states (at read committed, a change can
     * commit between them), so what must agree is read in one call.
     */
    <T> T read(Supplier<T> work);

    /**
     * Runs {@code work} in a unit of its own that commits whatever becomes of any transaction the
     * caller is in (the host's, for an adapter that joins the host's transactions); used for
     * refusal events, which must outlive the refused call, and by listener runners, which must see
     * and acknowledge only committed events. The core calls it with no unit of this storage open on
     * the thread, and its work only appends an event or reads the trail and moves a listener's
     * checkpoint and lease, so it never waits for rows the caller's transaction holds. An adapter that never joins another's transaction
     * implements it as {@link #write}.
     */
    <T> T writeIndependently(Supplier<T> work);
}
