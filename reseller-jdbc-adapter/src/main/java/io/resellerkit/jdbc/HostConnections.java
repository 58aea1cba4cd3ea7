package io.resellerkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands the adapter the connection of the host's own, already open transaction, for hosts that
 * manage transactions themselves (Spring's {@code DataSourceUtils}, Jakarta transactions, or
 * plain JDBC). See "Joining the host's transactions" in the {@link io.resellerkit.jdbc package
 * documentation}.
 *
 * <p>Inside the host's transaction (auto-commit off) the adapter never commits, rolls back the
 * whole transaction, changes auto-commit or closes the connection: it marks a savepoint at the
 * start of each outermost writing unit of work, rolls back to it if the unit throws, and releases
 * it if the unit returns. A connection in auto-commit mode means the host has no transaction open
 * (Spring's {@code DataSourceUtils} outside {@code @Transactional}): the adapter then runs the unit
 * as a transaction of its own on it, commits or rolls it back, and turns auto-commit back on.
 */
public interface HostConnections {

    /**
     * The connection of the transaction open on the calling thread, or, where none is open, a
     * connection in auto-commit mode; never null.
     */
    Connection current() throws SQLException;

    /**
     * Called once the adapter has finished with a connection from {@link #current()} for one
     * unit of work. Does nothing by default; Spring hosts call
     * {@code DataSourceUtils.releaseConnection} here.
     */
    default void release(Connection connection) throws SQLException {
    }
}
