package io.resellerkit.inmemory;

import io.resellerkit.spi.UnitOfWork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Units of work for in-memory storage: one writer at a time, readers never see a unit that has
 * not committed, and a unit that throws is undone step by step in reverse.
 *
 * <p>Writers change the stores in place under the write lock (undo on failure). Readers first
 * run optimistically, taking no lock and writing no shared memory, so that they scale with
 * cores: the read counts only if no write unit was open at any moment while it ran (the lock's
 * stamp is unchanged afterwards), so it saw exactly the state between two commits. Otherwise
 * (a writer was open, or committed meanwhile) its result or exception is thrown away and it runs
 * again under the read lock, as before. The stores are concurrent maps, so a read that overlaps
 * a writer sees odd data at worst, never a broken structure.
 */
final class Transactions implements UnitOfWork {
    private static final Unit READ_ONLY = new Unit(false);
    private final StampedLock lock = new StampedLock();
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    /** An open unit on this thread: its undo steps, newest first. */
    private static final class Unit {
        final boolean writes;
        final Deque<Runnable> undo = new ArrayDeque<>();

        Unit(boolean writes) {
            this.writes = writes;
        }
    }

    @Override
    public <T> T write(Supplier<T> work) {
        Unit open = current.get();
        if (open != null) {
            if (!open.writes) {
                throw new IllegalStateException("a write cannot join a read-only unit of work");
            }
            return work.get(); // the core opens no unit inside another; one that does joins the outer unit
        }
        long stamp = lock.writeLock();
        Unit unit = new Unit(true);
        current.set(unit);
        try {
            T result = work.get();
            unit.undo.clear();
            return result;
        } catch (RuntimeException | Error e) {
            unit.undo.forEach(Runnable::run);
            throw e;
        } finally {
            current.remove();
            lock.unlockWrite(stamp);
        }
    }

    /** Same as {@link #write}: in-memory units never join a transaction of someone else's. */
    @Override
    public <T> T writeIndependently(Supplier<T> work) {
        return write(work);
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        current.set(READ_ONLY);
        try {
            long optimistic = lock.tryOptimisticRead(); // 0 while a write unit is open
            if (optimistic != 0) {
                try {
                    T result = work.get();
                    if (lock.validate(optimistic)) {
                        return result;
                    }
                } catch (RuntimeException | Error e) {
                    if (lock.validate(optimistic)) {
                        throw e;
                    }
                }
            }
            long stamp = lock.readLock();
            try {
                return work.get();
            } finally {
                lock.unlockRead(stamp);
            }
        } finally {
            current.remove();
        }
    }

    /**
     * Applies a change inside the caller's write unit, remembering how to undo it; outside any
     * unit, the change is a unit of its own.
     */
    void change(Runnable apply, Runnable undo) {
        Unit open = current.get();
        if (open == null) {
            write(() -> {
                change(apply, undo);
                return null;
            });
            return;
        }
        if (!open.writes) {
            throw new IllegalStateException("cannot change storage inside a read-only unit of work");
        }
        apply.run();
        open.undo.push(undo);
    }

    /** Runs a read under the read lock unless a unit is open already. */
    <T> T query(Supplier<T> read) {
        return read(read);
    }
}
