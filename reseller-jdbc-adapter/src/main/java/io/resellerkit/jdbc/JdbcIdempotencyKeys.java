package io.resellerkit.jdbc;

import io.resellerkit.model.UserId;
import io.resellerkit.spi.IdempotencyKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in {@code <prefix>idempotency_keys}, one row per actor and key under a primary
 * key. A claim is a plain INSERT: while another transaction holds an uncommitted row of the same
 * key, the database makes it wait, then fails it with a unique violation (23505, a
 * {@code DUPLICATE} conflict) if that transaction committed, or lets it through if it rolled back;
 * at serializable it may fail with 40001 instead, and the unit runs again and then meets the
 * committed row.
 */
final class JdbcIdempotencyKeys implements IdempotencyKeys {
    private final Db db;
    private final String claimSql;
    private final String completeSql;
    private final String findSql;
    private final String forgetExpiredSql;

    JdbcIdempotencyKeys(Db db) {
        this.db = db;
        String t = db.table("idempotency_keys");
        this.claimSql = "INSERT INTO " + t + " (actor_id, idempotency_key, fingerprint, expires_at) VALUES (?, ?, ?, ?)";
        this.completeSql = "UPDATE " + t + " SET resource_type = ?, resource_id = ? WHERE actor_id = ? AND idempotency_key = ?";
        this.findSql = "SELECT fingerprint, expires_at, resource_type, resource_id FROM " + t
                + " WHERE actor_id = ? AND idempotency_key = ?";
        this.forgetExpiredSql = "DELETE FROM " + t + " WHERE actor_id = ? AND expires_at <= ?";
    }

    @Override
    public void claim(UserId actorId, String key, String fingerprint, Instant expiresAt) {
        db.tx.inWrite("claim an idempotency key", "the idempotency key is taken", c -> {
            try (PreparedStatement ps = db.prepare(c, claimSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, actorId.value());
                Binds.bind(ps, 2, Binds.Type.TEXT, key);
                Binds.bind(ps, 3, Binds.Type.TEXT, fingerprint);
                Binds.bind(ps, 4, Binds.Type.TIME, expiresAt);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void complete(UserId actorId, String key, String resourceType, String resourceId) {
        db.tx.inWrite("complete an idempotency key", null, c -> {
            try (PreparedStatement ps = db.prepare(c, completeSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, resourceType);
                Binds.bind(ps, 2, Binds.Type.TEXT, resourceId);
                Binds.bind(ps, 3, Binds.Type.TEXT, actorId.value());
                Binds.bind(ps, 4, Binds.Type.TEXT, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredKey> find(UserId actorId, String key) {
        return db.tx.inRead("find an idempotency key", c -> {
            try (PreparedStatement ps = db.prepare(c, findSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, actorId.value());
                Binds.bind(ps, 2, Binds.Type.TEXT, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredKey(actorId, key, rs.getString("fingerprint"),
                            Binds.instant(rs, "expires_at"), rs.getString("resource_type"), rs.getString("resource_id")));
                }
            }
        });
    }

    @Override
    public void forgetExpired(UserId actorId, Instant now) {
        db.tx.inWrite("forget expired idempotency keys", null, c -> {
            try (PreparedStatement ps = db.prepare(c, forgetExpiredSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, actorId.value());
                Binds.bind(ps, 2, Binds.Type.TIME, now);
                return ps.executeUpdate();
            }
        });
    }
}
