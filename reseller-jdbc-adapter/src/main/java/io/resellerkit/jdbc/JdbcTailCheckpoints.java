package io.resellerkit.jdbc;

import io.resellerkit.spi.TailCheckpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumers' positions in {@code <prefix>tail_checkpoints}. A position moves by a conditional
 * {@code UPDATE ... WHERE seq < ?}, or is created by an insert that yields to a concurrent one
 * (then the update runs again), so it never moves back. The chains behind a consumer are found by
 * joining the chain heads ({@code <prefix>audit_chains}, one row per chain) with its positions.
 */
final class JdbcTailCheckpoints implements TailCheckpoints {
    private final Db db;
    private final String positionSql;
    private final String advanceSql;
    private final String insertSql;
    private final String behindSql;
    private final String behindAfterSql;

    JdbcTailCheckpoints(Db db) {
        this.db = db;
        String t = db.table("tail_checkpoints");
        this.positionSql = "SELECT seq FROM " + t + " WHERE consumer = ? AND chain_id = ?";
        this.advanceSql = "UPDATE " + t + " SET seq = ? WHERE consumer = ? AND chain_id = ? AND seq < ?";
        this.insertSql = "INSERT INTO " + t + " (consumer, chain_id, seq) VALUES (?, ?, ?)" + db.dialect.insertUnlessTaken();
        // The occurred_at of the first pending event: one probe of the (chain_id, chain_seq) index per chain.
        String select = "SELECT h.chain_id, COALESCE(c.seq, 0) AS position, h.last_seq,"
                + " (SELECT e.occurred_at FROM " + db.table("audit_events") + " e"
                + " WHERE e.chain_id = h.chain_id AND e.chain_seq = COALESCE(c.seq, 0) + 1) AS oldest_pending"
                + " FROM " + db.table("audit_chains") + " h LEFT JOIN " + t + " c"
                + " ON c.consumer = ? AND c.chain_id = h.chain_id WHERE h.last_seq > COALESCE(c.seq, 0)";
        this.behindSql = select + " ORDER BY h.chain_id LIMIT ?";
        this.behindAfterSql = select + " AND h.chain_id > ? ORDER BY h.chain_id LIMIT ?";
    }

    @Override
    public long position(String consumer, String chain) {
        return db.tx.inRead("read a tail checkpoint", c -> {
            try (PreparedStatement ps = db.prepare(c, positionSql)) {
                ps.setString(1, consumer);
                ps.setString(2, chain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean advance(String consumer, String chain, long seq) {
        return db.tx.inWrite("advance a tail checkpoint", null, c -> {
            if (update(c, consumer, chain, seq) == 1) {
                return true;
            }
            if (insert(c, consumer, chain, seq)) {
                return true;
            }
            // A row exists (or a concurrent unit just inserted it): move it if it is behind.
            return update(c, consumer, chain, seq) == 1;
        });
    }

    private int update(Connection c, String consumer, String chain, long seq) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, advanceSql)) {
            ps.setLong(1, seq);
            ps.setString(2, consumer);
            ps.setString(3, chain);
            ps.setLong(4, seq);
            return ps.executeUpdate();
        }
    }

    private boolean insert(Connection c, String consumer, String chain, long seq) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, insertSql)) {
            ps.setString(1, consumer);
            ps.setString(2, chain);
            ps.setLong(3, seq);
            return SqlErrors.insertUnlessTaken(ps);
        }
    }

    @Override
    public List<ChainLag> behind(String consumer, String afterChain, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.tx.inRead("find the chains behind a tail checkpoint", c -> {
            try (PreparedStatement ps = db.prepare(c, afterChain == null ? behindSql : behindAfterSql)) {
                int i = 1;
                ps.setString(i++, consumer);
                if (afterChain != null) {
                    ps.setString(i++, afterChain);
                }
                ps.setInt(i, limit);
                List<ChainLag> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(new ChainLag(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                Binds.instant(rs, "oldest_pending")));
                    }
                }
                return page;
            }
        });
    }
}
