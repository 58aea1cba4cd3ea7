package io.resellerkit.jdbc;

import io.resellerkit.error.StorageException;
import io.resellerkit.spi.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work on JDBC transactions. The connection of the open unit is bound to the thread;
 * nested units join it inside a savepoint, so a nested unit that throws is undone alone. A unit
 * commits when its work returns and rolls back when it throws; the thrown exception is rethrown
 * unchanged. A unit that the database refused for a serialization failure or a deadlock is run
 * again from its start after a pause drawn at random below a bound that doubles with each
 * refusal (exponential backoff with full jitter), for as long as its time budget
 * ({@code retryFor}) and the optional {@code maxAttempts} allow.
 *
 * <p>In host mode ({@link HostConnections}) a unit runs on the host's connection: inside the
 * host's transaction, in a savepoint, never retried, committed or closed here; or, when the host
 * has no transaction open (an auto-commit connection), as a transaction of its own on that
 * connection, retried like any other. {@link #writeIndependently} then runs on a connection of
 * the adapter's own from the data source, so its commit does not depend on the host's.
 */
final class Transactions implements UnitOfWork {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    /** The bound of the first pause; each refusal doubles it, up to {@link #MAX_PAUSE_MILLIS}. */
    static final long FIRST_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 1_000;

    /** The unit open on a thread. */
    private record Unit(Connection connection, boolean readOnly) {
    }

    /** Work that needs the unit's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final HostConnections host;
    private final int writeIsolation;
    private final long retryForNanos;
    private final int maxAttempts;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    /**
     * @param writeIsolation a {@code Connection.TRANSACTION_*} level, or -1 for the connection's own
     * @param retryFor       how long after its first start a refused unit may still be run again
     * @param maxAttempts    the most runs of one unit, {@code Integer.MAX_VALUE} for no bound but time
     */
    Transactions(DataSource dataSource, HostConnections host, int writeIsolation, Duration retryFor, int maxAttempts) {
        this.dataSource = dataSource;
        this.host = host;
        this.writeIsolation = writeIsolation;
        this.retryForNanos = retryFor.toNanos();
        this.maxAttempts = maxAttempts;
    }

    @Override
    public <T> T write(Supplier<T> work) {
        Unit open = current.get();
        if (open != null) {
            if (open.readOnly()) {
                throw new IllegalStateException("a write cannot join a read-only unit of work");
            }
            return nested(open.connection(), work);
        }
        return host != null ? onHostConnection(work, false) : withRetries(() -> onOwnConnection(work, false));
    }

    /**
     * In host mode, a unit on a connection of the adapter's own, in a transaction of its own, so
     * that the host's rollback cannot take it along and a read-only host transaction cannot
     * refuse it; otherwise the same as {@link #write}.
     */
    @Override
    public <T> T writeIndependently(Supplier<T> work) {
        if (host == null) {
            return write(work);
        }
        Unit suspended = current.get();
        current.remove();
        try {
            return withRetries(() -> onOwnConnection(work, false));
        } finally {
            if (suspended != null) {
                current.set(suspended);
            }
        }
    }

    /**
     * A unit nested in an open one joins its transaction inside a savepoint: if its work throws,
     * its own changes are undone and the outer unit may catch the failure and go on.
     */
    private <T> T nested(Connection c, Supplier<T> work) {
        Savepoint savepoint;
        try {
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "set a savepoint", null);
        }
        try {
            T result = work.get();
            release(c, savepoint);
            return result;
        } catch (RuntimeException | Error e) {
            rollback(c, savepoint);
            throw e;
        }
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return host != null ? onHostConnection(work, true) : withRetries(() -> onOwnConnection(work, true));
    }

    /**
     * Runs store work in the open unit (no savepoint: a failed store call fails its unit), or in
     * a write unit of its own; translates SQL errors.
     */
    <T> T inWrite(String operation, String duplicateMessage, SqlWork<T> work) {
        Unit open = current.get();
        if (open != null && open.readOnly()) {
            throw new IllegalStateException("cannot change storage inside a read-only unit of work");
        }
        return open != null ? run(operation, duplicateMessage, work)
                : write(() -> run(operation, duplicateMessage, work));
    }

    /** Runs store reads in the open unit, or in a read unit of its own; translates SQL errors. */
    <T> T inRead(String operation, SqlWork<T> work) {
        return read(() -> run(operation, null, work));
    }

    private <T> T run(String operation, String duplicateMessage, SqlWork<T> work) {
        try {
            return work.run(current.get().connection());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation, duplicateMessage);
        }
    }

    /** Runs {@code attempt} until it returns, is refused for a reason other than concurrency, or runs out of retries. */
    private <T> T withRetries(Supplier<T> attempt) {
        long start = System.nanoTime();
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                awaitNextAttempt(e, n, start);
            }
        }
    }

    /**
     * Rethrows {@code failure} unless the unit may run again; then pauses for a random time below
     * a bound that doubles with each refusal (full jitter spreads concurrent losers apart), never
     * past the unit's time budget. Gives up with a transient {@link StorageException} once the
     * budget or the attempts are spent.
     */
    private void awaitNextAttempt(RuntimeException failure, int attempt, long startNanos) {
        if (!SqlErrors.isRetryable(failure)) {
            throw failure;
        }
        long elapsed = System.nanoTime() - startNanos;
        long remaining = retryForNanos - elapsed;
        if (attempt >= maxAttempts || remaining <= 0) {
            long millis = TimeUnit.NANOSECONDS.toMillis(elapsed);
            LOG.warn("a unit of work was refused for concurrent changes {} times in {} ms; giving up", attempt, millis);
            throw new StorageException("the database refused the unit of work " + attempt + " times in " + millis
                    + " ms because of concurrent changes; giving up", failure.getCause(), true);
        }
        long bound = MAX_PAUSE_MILLIS;
        if (attempt <= 10) {
            bound = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 1));
        }
        long pause = Math.min(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(bound + 1)), remaining);
        LOG.debug("unit of work refused for concurrent changes (attempt {}, SQLState {}); running it again in {} ms",
                attempt, SqlErrors.state((SQLException) failure.getCause()), TimeUnit.NANOSECONDS.toMillis(pause));
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to run a unit of work again", e, true);
        }
    }

    /** One run of a unit on a connection of the adapter's own. */
    private <T> T onOwnConnection(Supplier<T> work, boolean readOnly) {
        Connection c = open(readOnly);
        try {
            return ownTransaction(c, work, readOnly);
        } finally {
            close(c);
        }
    }

    /**
     * Runs the unit as a transaction of its own on {@code c}, and leaves {@code c}'s settings as
     * they came. A read on an auto-commit connection runs without one: its statements need no
     * shared snapshot (at read committed each statement takes its own anyway), and BEGIN, COMMIT
     * and the read-only flag cost PostgreSQL a round trip per read. Nothing can write in it: a
     * write cannot join a read-only unit.
     */
    private <T> T ownTransaction(Connection c, Supplier<T> work, boolean readOnly) {
        boolean wasAutoCommit = true;
        int isolationBefore = -1;
        try {
            wasAutoCommit = c.getAutoCommit();
            if (readOnly && wasAutoCommit) {
                return withoutTransaction(c, work);
            }
            if (wasAutoCommit) {
                c.setAutoCommit(false);
            }
            // Reads run at the connection's own level: asking for and restoring another costs
            // PostgreSQL four round trips per unit, and a read's statements need no shared snapshot.
            int wanted = readOnly ? -1 : writeIsolation;
            if (wanted != -1) {
                isolationBefore = c.getTransactionIsolation();
                if (isolationBefore != wanted) {
                    c.setTransactionIsolation(wanted);
                } else {
                    isolationBefore = -1;
                }
            }
            if (readOnly) {
                c.setReadOnly(true);
            }
        } catch (SQLException e) {
            restore(c, wasAutoCommit, isolationBefore, readOnly);
            throw SqlErrors.translate(e, "start a transaction", null);
        }
        current.set(new Unit(c, readOnly));
        try {
            T result = work.get();
            try {
                c.commit();
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "commit", null);
            }
            return result;
        } catch (RuntimeException | Error e) {
            rollback(c);
            throw e;
        } finally {
            current.remove();
            restore(c, wasAutoCommit, isolationBefore, readOnly);
        }
    }

    private <T> T withoutTransaction(Connection c, Supplier<T> work) {
        current.set(new Unit(c, true));
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }

    /**
     * A unit on the host's connection: inside the host's transaction if one is open, never
     * retried (the host retries its own transaction); else as a transaction of its own on that
     * connection (Spring hands out an auto-commit connection outside {@code @Transactional}),
     * retried like a unit on the adapter's own connections. The connection goes back to the host
     * before any pause.
     */
    private <T> T onHostConnection(Supplier<T> work, boolean readOnly) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Connection c = hostConnection();
            boolean inHostTransaction = false;
            RuntimeException refused;
            try {
                inHostTransaction = !c.getAutoCommit();
                return inHostTransaction ? joinHostTransaction(c, work, readOnly) : ownTransaction(c, work, readOnly);
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "read the host connection's auto-commit mode", null);
            } catch (RuntimeException e) {
                if (inHostTransaction) {
                    throw e;
                }
                refused = e;
            } finally {
                giveBack(c);
            }
            awaitNextAttempt(refused, attempt, start);
        }
    }

    /** Runs a unit inside the host's transaction; a writing unit in a savepoint, so that a failure undoes only the unit. */
    private <T> T joinHostTransaction(Connection c, Supplier<T> work, boolean readOnly) {
        Savepoint savepoint = null;
        if (!readOnly) {
            try {
                savepoint = c.setSavepoint();
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "set a savepoint", null);
            }
        }
        current.set(new Unit(c, readOnly));
        try {
            T result = work.get();
            if (savepoint != null) {
                release(c, savepoint);
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (savepoint != null) {
                rollback(c, savepoint);
            }
            throw e;
        } finally {
            current.remove();
        }
    }

    private Connection hostConnection() {
        Connection c;
        try {
            c = host.current();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "get the host's connection", null);
        }
        if (c == null) {
            throw new IllegalStateException("HostConnections.current() returned null instead of a connection");
        }
        return c;
    }

    private void giveBack(Connection c) {
        try {
            host.release(c);
        } catch (SQLException e) {
            LOG.warn("the host failed to take back its connection (SQLState {})", e.getSQLState());
        }
    }

    private Connection open(boolean readOnly) {
        try {
            Connection c = dataSource.getConnection();
            if (c == null) {
                throw new StorageException("the DataSource returned no connection", null, true);
            }
            return c;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, readOnly ? "open a connection to read" : "open a connection to write", null);
        }
    }

    private static void release(Connection c, Savepoint savepoint) {
        try {
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "release a savepoint", null);
        }
    }

    private static void rollback(Connection c, Savepoint savepoint) {
        try {
            c.rollback(savepoint);
        } catch (SQLException e) {
            LOG.warn("could not roll back to the unit's savepoint (SQLState {})", e.getSQLState());
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection may be dead; the database rolls back what it cannot commit.
            LOG.debug("rollback failed (SQLState {})", e.getSQLState());
        }
    }

    /** Leaves a pooled or host connection as it came. */
    private static void restore(Connection c, boolean wasAutoCommit, int isolationBefore, boolean readOnly) {
        try {
            if (!c.isClosed()) {
                if (readOnly) {
                    c.setReadOnly(false);
                }
                if (isolationBefore != -1) {
                    c.setTransactionIsolation(isolationBefore);
                }
                if (wasAutoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            LOG.debug("could not restore the connection's settings (SQLState {})", e.getSQLState());
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("could not close a connection (SQLState {})", e.getSQLState());
        }
    }
}
