package io.resellerkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands the adapter the connection of the host's own, already open transaction, for hosts that
 * manage transactions themselves (Spring's {@code DataSourceUtils}, Jakarta transactions, or
 * plain JDBC). See "Joining the host's transactions" in the {@link io.resellerkit.jdbc package
 * documentation}.
 *
 * <p>The adapter never commits, rolls back the whole transaction, changes auto-commit or closes
 * such a connection: it marks a savepoint at the start of each outermost unit of work, rolls
 * back to it if the unit throws, and releases it if the unit returns.
 */
public interface HostConnections {

    /**
     * The connection of the transaction open on the calling thread. For writes it must have
     * auto-commit off; the adapter refuses a connection in auto-commit mode.
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
