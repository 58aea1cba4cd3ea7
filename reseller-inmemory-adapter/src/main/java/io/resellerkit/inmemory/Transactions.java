package io.resellerkit.inmemory;

import io.resellerkit.spi.UnitOfWork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Units of work for in-memory storage: one writer at a time, readers never see a unit that has
 * not committed, and a unit that throws is undone step by step in reverse.
 */
final class Transactions implements UnitOfWork {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
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
        lock.writeLock().lock();
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
            lock.writeLock().unlock();
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
        lock.readLock().lock();
        current.set(new Unit(false));
        try {
            return work.get();
        } finally {
            current.remove();
            lock.readLock().unlock();
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
