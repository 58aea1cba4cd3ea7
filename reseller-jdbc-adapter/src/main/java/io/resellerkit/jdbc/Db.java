package io.resellerkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What every store shares: the dialect, the table names, the transactions and the statement settings. */
final class Db {
    final Dialect dialect;
    final Transactions tx;
    private final String prefix;
    private final int queryTimeoutSeconds;

    Db(Dialect dialect, Transactions tx, String prefix, int queryTimeoutSeconds) {
        this.dialect = dialect;
        this.tx = tx;
        this.prefix = prefix;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** The table's name with the configured prefix. */
    String table(String name) {
        return prefix + name;
    }

    /** A statement with the configured timeout. */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            ps.setQueryTimeout(queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
