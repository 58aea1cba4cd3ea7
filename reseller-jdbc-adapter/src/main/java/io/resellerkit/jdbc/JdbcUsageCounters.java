package io.resellerkit.jdbc;

import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Usage counters in {@code <prefix>usage_counters}. Taking a slot is one conditional UPDATE
 * that returns the new count ({@code RETURNING} on PostgreSQL, {@code FINAL TABLE} on H2),
 * so the database decides, under its row lock, whether the count is still below the limit: no
 * read-then-write race at any isolation level and across any number of JVMs. A missing row is
 * first inserted at 0 in a way that cannot fail when a concurrent unit inserts it too.
 */
final class JdbcUsageCounters implements UsageCounters {
    private final Db db;
    private final String insertIfMissingSql;
    private final String incrementSql;
    private final String incrementUnlimitedSql;
    private final String decrementSql;
    private final String usageSql;
    private final String removeSql;

    JdbcUsageCounters(Db db) {
        this.db = db;
        String t = db.table("usage_counters");
        this.insertIfMissingSql = db.dialect.insertCounterIfMissing(t);
        this.incrementSql = db.dialect.incrementCounterReturning(t, " AND used < ?");
        this.incrementUnlimitedSql = db.dialect.incrementCounterReturning(t, "");
        this.decrementSql = "UPDATE " + t + " SET used = used - 1 WHERE kind = ? AND owner_id = ? AND used > 0";
        this.usageSql = "SELECT used FROM " + t + " WHERE kind = ? AND owner_id = ?";
        this.removeSql = "DELETE FROM " + t + " WHERE kind = ? AND owner_id = ?";
    }

    @Override
    public Reservation tryIncrement(UsageCounter counter, long limit) {
        return db.tx.inWrite("take a quota slot", null, c -> {
            Long taken = increment(c, counter, limit);
            if (taken != null) {
                return new Reservation(true, taken);
            }
            Long used = readIfPresent(c, counter);
            if (used != null && limit != -1 && used >= limit) {
                return new Reservation(false, used);
            }
            if (used == null) {
                // First use of this counter: create it, then take the slot the same way.
                try (PreparedStatement ps = db.prepare(c, insertIfMissingSql)) {
                    bindKey(ps, counter);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // H2's MERGE can lose a race to a concurrent insert of the same row; the row is there
                    // then, which is all we need. H2 undoes only the failed statement, not the unit.
                    if (db.dialect != Dialect.H2 || !"23505".equals(SqlErrors.state(e))) {
                        throw e;
                    }
                }
            }
            // Below the cap but not taken: the counter was missing, or another unit's new row
            // committed after the first UPDATE began (at read committed it saw no row then).
            Long retaken = increment(c, counter, limit);
            return retaken != null ? new Reservation(true, retaken) : new Reservation(false, read(c, counter));
        });
    }

    @Override
    public void decrement(UsageCounter counter) {
        db.tx.inWrite("free a quota slot", null, c -> {
            try (PreparedStatement ps = db.prepare(c, decrementSql)) {
                bindKey(ps, counter);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long usage(UsageCounter counter) {
        return db.tx.inRead("read a usage counter", c -> read(c, counter));
    }

    @Override
    public void remove(UsageCounter counter) {
        db.tx.inWrite("remove a usage counter", null, c -> {
            try (PreparedStatement ps = db.prepare(c, removeSql)) {
                bindKey(ps, counter);
                return ps.executeUpdate();
            }
        });
    }

    /** The counter's new value if a slot was taken (one statement), else null. */
    private Long increment(Connection c, UsageCounter counter, long limit) throws SQLException {
        boolean unlimited = limit == -1;
        try (PreparedStatement ps = db.prepare(c, unlimited ? incrementUnlimitedSql : incrementSql)) {
            bindKey(ps, counter);
            if (!unlimited) {
                ps.setLong(3, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private long read(Connection c, UsageCounter counter) throws SQLException {
        Long used = readIfPresent(c, counter);
        return used == null ? 0 : used;
    }

    private Long readIfPresent(Connection c, UsageCounter counter) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, usageSql)) {
            bindKey(ps, counter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void bindKey(PreparedStatement ps, UsageCounter counter) throws SQLException {
        ps.setString(1, counter.kind().name());
        ps.setString(2, counter.ownerId());
    }
}
