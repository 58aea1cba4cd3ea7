package io.resellerkit.jdbc;

import io.resellerkit.spi.Leases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases in {@code <prefix>leases}: taken or renewed by one conditional {@code UPDATE} (ours
 * already, or expired), created by an insert that yields to a concurrent one. Two nodes racing
 * for an expired lease both update the same row: the second waits for the first's row lock and
 * then finds the condition false (at serializable one is refused with 40001 and runs again).
 */
final class JdbcLeases implements Leases {
    private final Db db;
    private final String takeSql;
    private final String insertSql;
    private final String releaseSql;
    private final String findSql;

    JdbcLeases(Db db) {
        this.db = db;
        String t = db.table("leases");
        this.takeSql = "UPDATE " + t + " SET owner = ?, expires_at = ? WHERE name = ? AND (owner = ? OR expires_at <= ?)";
        this.insertSql = "INSERT INTO " + t + " (name, owner, expires_at) VALUES (?, ?, ?)" + db.dialect.insertUnlessTaken();
        this.releaseSql = "DELETE FROM " + t + " WHERE name = ? AND owner = ?";
        this.findSql = "SELECT owner, expires_at FROM " + t + " WHERE name = ?";
    }

    @Override
    public boolean acquire(String name, String owner, Instant now, Instant until) {
        return db.tx.inWrite("take a lease", null, c -> take(c, name, owner, now, until) || insert(c, name, owner, until));
    }

    private boolean take(Connection c, String name, String owner, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, takeSql)) {
            Binds.bind(ps, 1, Binds.Type.TEXT, owner);
            Binds.bind(ps, 2, Binds.Type.TIME, until);
            Binds.bind(ps, 3, Binds.Type.TEXT, name);
            Binds.bind(ps, 4, Binds.Type.TEXT, owner);
            Binds.bind(ps, 5, Binds.Type.TIME, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Creates the lease's row; false if it exists (held by another, unexpired). */
    private boolean insert(Connection c, String name, String owner, Instant until) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, insertSql)) {
            Binds.bind(ps, 1, Binds.Type.TEXT, name);
            Binds.bind(ps, 2, Binds.Type.TEXT, owner);
            Binds.bind(ps, 3, Binds.Type.TIME, until);
            return SqlErrors.insertUnlessTaken(ps);
        }
    }

    @Override
    public void release(String name, String owner) {
        db.tx.inWrite("release a lease", null, c -> {
            try (PreparedStatement ps = db.prepare(c, releaseSql)) {
                ps.setString(1, name);
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Lease> find(String name) {
        return db.tx.inRead("read a lease", c -> {
            try (PreparedStatement ps = db.prepare(c, findSql)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Lease(name, rs.getString(1), Binds.instant(rs, "expires_at")))
                            : Optional.empty();
                }
            }
        });
    }
}
