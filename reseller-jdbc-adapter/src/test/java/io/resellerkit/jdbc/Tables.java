package io.resellerkit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Direct SQL on the adapter's tables, for setting up and checking tests. */
final class Tables {
    /** Every table, each after the tables that refer to it (the order their rows can be deleted in). */
    static final String[] ALL = {"licenses", "users", "organizations", "resellers", "audit_events", "audit_chains",
            "usage_counters", "idempotency_keys", "transfer_tokens", "access_grants", "tail_checkpoints", "leases",
            "webhook_deliveries", "webhook_endpoints"};

    private Tables() {
    }

    /** Deletes every row the adapter stores; the schema stays. */
    static void deleteAllRows(DataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // Children refer to parents in the same table: unlink them first, whatever order rows go in.
            s.executeUpdate("UPDATE " + prefix + "resellers SET parent_id = NULL WHERE parent_id IS NOT NULL");
            for (String t : ALL) {
                s.executeUpdate("DELETE FROM " + prefix + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a query returns. */
    static long number(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
