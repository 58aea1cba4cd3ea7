package io.resellerkit.jdbc;

import io.resellerkit.model.AuditEventId;
import io.resellerkit.testkit.AuditTampering;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Tampers with the audit trail as a database admin would: SQL straight on the shipped tables. */
final class SqlTampering implements AuditTampering {
    private final DataSource dataSource;
    private final String events;

    SqlTampering(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.events = prefix + "audit_events";
    }

    @Override
    public void changeRequestId(AuditEventId event, String requestId) {
        update("UPDATE " + events + " SET request_id = ? WHERE id = ?", requestId, event.value());
    }

    @Override
    public void delete(AuditEventId event) {
        update("DELETE FROM " + events + " WHERE id = ?", event.value());
    }

    @Override
    public void swapPlaces(AuditEventId first, AuditEventId second) {
        long a = seq(first);
        long b = seq(second);
        // Through a free number, as (chain_id, chain_seq) is unique.
        update("UPDATE " + events + " SET chain_seq = ? WHERE id = ?", -a, first.value());
        update("UPDATE " + events + " SET chain_seq = ? WHERE id = ?", a, second.value());
        update("UPDATE " + events + " SET chain_seq = ? WHERE id = ?", b, first.value());
    }

    @Override
    public void relink(AuditEventId event, String prevHash) {
        update("UPDATE " + events + " SET prev_hash = ? WHERE id = ?", prevHash, event.value());
    }

    private long seq(AuditEventId event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT chain_seq FROM " + events + " WHERE id = ?")) {
            ps.setString(1, event.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no event " + event);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            if (ps.executeUpdate() < 1) {
                throw new IllegalStateException("tampering changed nothing: " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
