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

    /**
     * The most rows one multi-row INSERT carries: 500 x 25 parameters stays far below the drivers'
     * limit of 65,535 per statement.
     */
    static final int MULTI_ROW = 500;

    /**
     * {@code head} followed by {@code rows} copies of {@code row}, comma-separated, and the dialect's
     * "unless taken" clause: one INSERT of many rows, as PostgreSQL, H2 and PostgreSQL-compatible
     * engines all take it.
     */
    String multiRowInsert(String head, String row, int rows) {
        StringBuilder sql = new StringBuilder(head.length() + (row.length() + 2) * rows + 32).append(head);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(dialect.insertUnlessTaken()).toString();
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
