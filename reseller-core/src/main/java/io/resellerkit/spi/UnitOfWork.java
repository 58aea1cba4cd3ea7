package io.resellerkit.spi;

import java.util.function.Supplier;

/**
 * Runs work atomically: every store call inside one {@code write} commits together, or, if
 * the work throws, none does. The core never opens a unit inside another; an adapter needs no
 * savepoints (a call made inside an open unit may simply join it).
 */
public interface UnitOfWork {

    /** Runs {@code work} in a unit that may write; commits if it returns, rolls back if it throws. */
    <T> T write(Supplier<T> work);

    /** Runs {@code work} in a unit that only reads and sees one consistent, committed state. */
    <T> T read(Supplier<T> work);

    /**
     * Runs {@code work} in a unit of its own that commits whatever becomes of any transaction the
     * caller is in (the host's, for an adapter that joins the host's transactions); used for
     * refusal events, which must outlive the refused call. The core calls it with no unit of this
     * storage open on the thread, and its work only appends an event, so it never waits for rows
     * the caller's transaction holds. An adapter that never joins another's transaction
     * implements it as {@link #write}.
     */
    <T> T writeIndependently(Supplier<T> work);
}
