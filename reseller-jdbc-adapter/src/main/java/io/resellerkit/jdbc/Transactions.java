package io.resellerkit.jdbc;

import io.resellerkit.error.StorageException;
import io.resellerkit.spi.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work on JDBC transactions. The connection of the open unit is bound to the thread;
 * nested units join it inside a savepoint, so a nested unit that throws is undone alone. A unit commits when its work returns and rolls back when it throws; the
 * thrown exception is rethrown unchanged. A unit that the database refused for a serialization
 * failure or a deadlock is run again from its start, a bounded number of times.
 *
 * <p>In host mode ({@link HostConnections}) the host owns the transaction: a unit runs on the
 * host's connection inside a savepoint and is never retried, committed or closed here.
 */
final class Transactions implements UnitOfWork {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

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
    private final int maxAttempts;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    /**
     * @param writeIsolation a {@code Connection.TRANSACTION_*} level, or -1 for the connection's own
     */
    Transactions(DataSource dataSource, HostConnections host, int writeIsolation, int maxAttempts) {
        this.dataSource = dataSource;
        this.host = host;
        this.writeIsolation = writeIsolation;
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
        return host != null ? onHostConnection(work, false) : withRetries(work, false);
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

    /** Same as write for now: host mode gets a connection of its own for it in the next step. */
    @Override
    public <T> T writeIndependently(Supplier<T> work) {
        return write(work);
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return host != null ? onHostConnection(work, true) : withRetries(work, true);
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

    private <T> T withRetries(Supplier<T> work, boolean readOnly) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work, readOnly);
            } catch (RuntimeException e) {
                if (!SqlErrors.isRetryable(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new StorageException("the database refused the unit of work " + attempt
                            + " times because of concurrent changes; giving up", e.getCause(), true);
                }
                LOG.debug("unit of work refused for concurrent changes (attempt {} of {}); running it again",
                        attempt, maxAttempts);
                pause(attempt);
            }
        }
    }

    private <T> T once(Supplier<T> work, boolean readOnly) {
        Connection c = open(readOnly);
        boolean wasAutoCommit = true;
        int isolationBefore = -1;
        try {
            wasAutoCommit = c.getAutoCommit();
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
            close(c, wasAutoCommit, isolationBefore, readOnly);
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
            close(c, wasAutoCommit, isolationBefore, readOnly);
        }
    }

    private <T> T onHostConnection(Supplier<T> work, boolean readOnly) {
        Connection c;
        try {
            c = host.current();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "get the host's connection", null);
        }
        if (c == null) {
            throw new IllegalStateException("HostConnections.current() returned null: no host transaction is open");
        }
        try {
            Savepoint savepoint = null;
            if (!readOnly) {
                try {
                    if (c.getAutoCommit()) {
                        throw new IllegalStateException("the host's connection is in auto-commit mode;"
                                + " joining host transactions needs a transaction open on it");
                    }
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
        } finally {
            try {
                host.release(c);
            } catch (SQLException e) {
                LOG.warn("the host failed to take back its connection (SQLState {})", e.getSQLState());
            }
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

    private static void close(Connection c, boolean wasAutoCommit, int isolationBefore, boolean readOnly) {
        try {
            // Leave a pooled connection as it came.
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
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("could not close a connection (SQLState {})", e.getSQLState());
            }
        }
    }

    private static void pause(int attempt) {
        long base = Math.min(200, 5L << attempt);
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to run a unit of work again", e, true);
        }
    }
}
