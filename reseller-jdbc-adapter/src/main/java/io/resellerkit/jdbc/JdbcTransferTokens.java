package io.resellerkit.jdbc;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.TransferTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Transfer tokens in {@code <prefix>transfer_tokens}, unique by the hash of their secret. A
 * redemption is one conditional UPDATE ({@code redeemed_at IS NULL}): a concurrent one waits for
 * the row lock, then matches nothing if the first committed (at serializable it may fail with
 * 40001 instead, and its unit runs again and then finds the token used).
 */
final class JdbcTransferTokens implements TransferTokens {
    private final Db db;
    private final String insertSql;
    private final String findSql;
    private final String redeemSql;
    private final String voidOpenSql;

    JdbcTransferTokens(Db db) {
        this.db = db;
        String t = db.table("transfer_tokens");
        this.insertSql = "INSERT INTO " + t + " (id, secret_hash, organization_id, to_reseller_id, issued_by, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        this.findSql = "SELECT id, organization_id, to_reseller_id, issued_by, expires_at, redeemed_at FROM " + t
                + " WHERE secret_hash = ?";
        this.redeemSql = "UPDATE " + t + " SET redeemed_at = ? WHERE secret_hash = ? AND redeemed_at IS NULL";
        this.voidOpenSql = "UPDATE " + t + " SET redeemed_at = ? WHERE organization_id = ? AND redeemed_at IS NULL";
    }

    @Override
    public void insert(StoredToken token) {
        db.tx.inWrite("store a transfer token", "the transfer token exists", c -> {
            try (PreparedStatement ps = db.prepare(c, insertSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, token.id());
                Binds.bind(ps, 2, Binds.Type.TEXT, token.secretHash());
                Binds.bind(ps, 3, Binds.Type.TEXT, token.organizationId().value());
                Binds.bind(ps, 4, Binds.Type.TEXT, token.toResellerId().value());
                Binds.bind(ps, 5, Binds.Type.TEXT, token.issuedBy().value());
                Binds.bind(ps, 6, Binds.Type.TIME, token.expiresAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredToken> findByHash(String secretHash) {
        return db.tx.inRead("find a transfer token", c -> {
            try (PreparedStatement ps = db.prepare(c, findSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, secretHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredToken(rs.getString("id"), secretHash,
                            OrganizationId.of(rs.getString("organization_id")),
                            ResellerId.of(rs.getString("to_reseller_id")), UserId.of(rs.getString("issued_by")),
                            Binds.instant(rs, "expires_at"), Binds.instant(rs, "redeemed_at")));
                }
            }
        });
    }

    @Override
    public boolean redeem(String secretHash, Instant at) {
        return db.tx.inWrite("redeem a transfer token", null, c -> {
            try (PreparedStatement ps = db.prepare(c, redeemSql)) {
                Binds.bind(ps, 1, Binds.Type.TIME, at);
                Binds.bind(ps, 2, Binds.Type.TEXT, secretHash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int voidOpen(OrganizationId organizationId, Instant at) {
        return db.tx.inWrite("void transfer tokens", null, c -> {
            try (PreparedStatement ps = db.prepare(c, voidOpenSql)) {
                Binds.bind(ps, 1, Binds.Type.TIME, at);
                Binds.bind(ps, 2, Binds.Type.TEXT, organizationId.value());
                return ps.executeUpdate();
            }
        });
    }
}
