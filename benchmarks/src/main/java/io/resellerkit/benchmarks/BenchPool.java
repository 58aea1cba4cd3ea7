package io.resellerkit.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed pool of physical PostgreSQL connections, shared by the library and the baseline so
 * that both pay exactly the same for a connection. Opened eagerly with as many connections as
 * the benchmark has threads, so no thread ever waits for one. Closing a handed-out connection
 * rolls back anything left open and returns it to the pool in auto-commit mode.
 *
 * <p>Not a production pool: no validation, no eviction. HikariCP would do the same job; this
 * keeps the benchmark free of a dependency the project does not otherwise ship.
 */
final class BenchPool implements DataSource, AutoCloseable {
    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;
    private final LongAdder statements = new LongAdder();

    BenchPool(Database db, int size) throws SQLException {
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
            all.add(c);
            idle.add(c);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        try {
            physical = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        if (physical == null) {
            throw new SQLException("no connection free for 30 seconds: the pool is smaller than the thread count");
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lease(physical));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("one user per pool");
    }

    /**
     * How many statements the connections handed out have sent: each prepared or created
     * statement (executed once by both sides), each commit and rollback, and each isolation
     * read or change (a round trip of its own in the PostgreSQL driver). BEGIN travels with the
     * first statement and is not counted.
     */
    long statementsSent() {
        return statements.sum();
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Shutting down.
            }
        }
    }

    /** One checkout of a physical connection; close() gives it back. */
    private final class Lease implements InvocationHandler {
        private final Connection physical;
        private boolean returned;

        Lease(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        try {
                            if (!physical.getAutoCommit()) {
                                physical.rollback();
                                physical.setAutoCommit(true);
                            }
                        } finally {
                            idle.add(physical);
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || physical.isClosed();
                }
                case "prepareStatement", "createStatement", "prepareCall", "commit", "rollback",
                     "getTransactionIsolation", "setTransactionIsolation" -> {
                    statements.increment();
                    return forward(method, args);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    return forward(method, args);
                }
            }
        }

        private Object forward(Method method, Object[] args) throws Throwable {
            if (returned) {
                throw new SQLException("connection already returned to the pool");
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    // The rest of DataSource is not used by either side.

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
