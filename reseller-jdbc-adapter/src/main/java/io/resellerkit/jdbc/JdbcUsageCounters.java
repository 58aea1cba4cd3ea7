package io.resellerkit.jdbc;

import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Usage counters in {@code <prefix>usage_counters}, one row per counter holding the count and
 * its cap. Taking a slot is one conditional UPDATE that returns the new count ({@code RETURNING}
 * on PostgreSQL, {@code FINAL TABLE} on H2), so the database decides under its row lock whether
 * the count is still below the cap: no read-then-write race at any isolation level, across any
 * number of JVMs, also while the cap is being changed (that is an UPDATE of the same row).
 */
final class JdbcUsageCounters implements UsageCounters {
    private final Db db;
    private final String insertSql;
    private final String insertUsedSql;
    private final String incrementSql;
    private final String addSql;
    private final String decrementSql;
    private final String setLimitSql;
    private final String readSql;
    private final String removeSql;

    JdbcUsageCounters(Db db) {
        this.db = db;
        String t = db.table("usage_counters");
        this.insertSql = "INSERT INTO " + t + " (kind, owner_id, used, cap) VALUES (?, ?, 0, ?)";
        this.insertUsedSql = "INSERT INTO " + t + " (kind, owner_id, used, cap) VALUES (?, ?, ?, ?)";
        this.incrementSql = db.dialect.incrementCounterReturning(t);
        this.addSql = db.dialect.addToCounterReturning(t);
        this.decrementSql = "UPDATE " + t + " SET used = used - 1 WHERE kind = ? AND owner_id = ? AND used > ?";
        this.setLimitSql = "UPDATE " + t + " SET cap = ? WHERE kind = ? AND owner_id = ?";
        this.readSql = "SELECT used, cap FROM " + t + " WHERE kind = ? AND owner_id = ?";
        this.removeSql = "DELETE FROM " + t + " WHERE kind = ? AND owner_id = ?";
    }

    @Override
    public void create(UsageCounter counter, long limit) {
        db.tx.inWrite("create a usage counter", "the usage counter exists", c -> {
            try (PreparedStatement ps = db.prepare(c, insertSql)) {
                bindKey(ps, 1, counter);
                ps.setLong(3, limit);
                return ps.executeUpdate();
            }
        });
    }

    /** One batch of inserts, each counter at its starting count. */
    @Override
    public void createAll(List<NewCounter> counters) {
        if (counters.isEmpty()) {
            return;
        }
        db.tx.inWrite("create usage counters", "a usage counter exists", c -> {
            try (PreparedStatement ps = db.prepare(c, insertUsedSql)) {
                for (NewCounter n : counters) {
                    bindKey(ps, 1, n.counter());
                    ps.setLong(3, n.used());
                    ps.setLong(4, n.limit());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public Optional<Reservation> tryIncrement(UsageCounter counter) {
        return db.tx.inWrite("take a quota slot", null, c -> {
            try (PreparedStatement ps = db.prepare(c, incrementSql)) {
                bindKey(ps, 1, counter);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new Reservation(true, rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            // Refused or missing: the row as committed now tells which (the update waited for its lock).
            return read(c, counter).map(r -> new Reservation(false, r[0], r[1]));
        });
    }

    @Override
    public Optional<Reservation> tryAdd(UsageCounter counter, long amount) {
        return db.tx.inWrite("change a quota counter", null, c -> {
            try (PreparedStatement ps = db.prepare(c, addSql)) {
                ps.setLong(1, amount);
                bindKey(ps, 2, counter);
                ps.setLong(4, amount);
                ps.setLong(5, amount);
                ps.setLong(6, amount);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new Reservation(true, rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            // Refused or missing: the row as committed now tells which (the update waited for its lock).
            return read(c, counter).map(r -> new Reservation(false, r[0], r[1]));
        });
    }

    @Override
    public boolean tryDecrement(UsageCounter counter, long floor) {
        return db.tx.inWrite("free a quota slot", null, c -> {
            try (PreparedStatement ps = db.prepare(c, decrementSql)) {
                bindKey(ps, 1, counter);
                ps.setLong(3, floor);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void setLimit(UsageCounter counter, long limit) {
        db.tx.inWrite("change a quota", null, c -> {
            try (PreparedStatement ps = db.prepare(c, setLimitSql)) {
                ps.setLong(1, limit);
                bindKey(ps, 2, counter);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long usage(UsageCounter counter) {
        return db.tx.inRead("read a usage counter", c -> read(c, counter).map(r -> r[0]).orElse(0L));
    }

    @Override
    public void remove(UsageCounter counter) {
        db.tx.inWrite("remove a usage counter", null, c -> {
            try (PreparedStatement ps = db.prepare(c, removeSql)) {
                bindKey(ps, 1, counter);
                return ps.executeUpdate();
            }
        });
    }

    /** The counter's count and cap, if it exists. */
    private Optional<long[]> read(Connection c, UsageCounter counter) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, readSql)) {
            bindKey(ps, 1, counter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.empty();
            }
        }
    }

    private static void bindKey(PreparedStatement ps, int first, UsageCounter counter) throws SQLException {
        ps.setString(first, counter.kind().name());
        ps.setString(first + 1, counter.ownerId());
    }
}
