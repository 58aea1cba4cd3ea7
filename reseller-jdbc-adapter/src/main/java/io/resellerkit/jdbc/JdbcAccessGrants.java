package io.resellerkit.jdbc;

import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AccessGrants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Access grants in {@code <prefix>access_grants}, found by id, grantee and organization (each
 * indexed). The permissions are one text of sorted codes. A revocation is one conditional UPDATE
 * ({@code revoked_at IS NULL}): a concurrent one waits for the row lock, then matches nothing.
 */
final class JdbcAccessGrants implements AccessGrants {
    private static final String COLUMNS = "id, organization_id, grantee_id, permissions, valid_from, valid_until,"
            + " revoked_at, granted_by, created_at";
    private final Db db;
    private final String insertSql;
    private final String byIdSql;
    private final String byGranteeSql;
    private final String byOrganizationSql;
    private final String revokeSql;

    JdbcAccessGrants(Db db) {
        this.db = db;
        String t = db.table("access_grants");
        this.insertSql = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String select = "SELECT " + COLUMNS + " FROM " + t;
        this.byIdSql = select + " WHERE id = ?";
        this.byGranteeSql = select + " WHERE grantee_id = ? ORDER BY created_at, id";
        this.byOrganizationSql = select + " WHERE organization_id = ? ORDER BY created_at, id";
        this.revokeSql = "UPDATE " + t + " SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    }

    @Override
    public void insert(AccessGrant g) {
        db.tx.inWrite("store an access grant", "the access grant exists", c -> {
            try (PreparedStatement ps = db.prepare(c, insertSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, g.id());
                Binds.bind(ps, 2, Binds.Type.TEXT, g.organizationId().value());
                Binds.bind(ps, 3, Binds.Type.TEXT, g.granteeId().value());
                Binds.bind(ps, 4, Binds.Type.TEXT, g.permissionCodes());
                Binds.bind(ps, 5, Binds.Type.TIME, g.validFrom());
                Binds.bind(ps, 6, Binds.Type.TIME, g.validUntil());
                Binds.bind(ps, 7, Binds.Type.TIME, g.revokedAt());
                Binds.bind(ps, 8, Binds.Type.TEXT, g.grantedBy().value());
                Binds.bind(ps, 9, Binds.Type.TIME, g.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<AccessGrant> findById(String id) {
        return find(byIdSql, id).stream().findFirst();
    }

    @Override
    public List<AccessGrant> findByGrantee(UserId grantee) {
        return find(byGranteeSql, grantee.value());
    }

    @Override
    public List<AccessGrant> findByOrganization(OrganizationId organization) {
        return find(byOrganizationSql, organization.value());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.tx.inWrite("revoke an access grant", null, c -> {
            try (PreparedStatement ps = db.prepare(c, revokeSql)) {
                Binds.bind(ps, 1, Binds.Type.TIME, at);
                Binds.bind(ps, 2, Binds.Type.TEXT, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<AccessGrant> find(String sql, String key) {
        return db.tx.inRead("find access grants", c -> {
            try (PreparedStatement ps = db.prepare(c, sql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, key);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AccessGrant> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(map(rs));
                    }
                    return found;
                }
            }
        });
    }

    private static AccessGrant map(ResultSet rs) throws SQLException {
        return new AccessGrant(rs.getString("id"), OrganizationId.of(rs.getString("organization_id")),
                UserId.of(rs.getString("grantee_id")), permissions(rs.getString("permissions")),
                Binds.instant(rs, "valid_from"), Binds.instant(rs, "valid_until"), Binds.instant(rs, "revoked_at"),
                UserId.of(rs.getString("granted_by")), Binds.instant(rs, "created_at"));
    }

    /** The codes as stored; a code this version does not know is left out rather than widening anything. */
    private static Set<AccessPermission> permissions(String codes) {
        Set<AccessPermission> set = EnumSet.noneOf(AccessPermission.class);
        Arrays.stream(codes.split(",")).map(AccessPermission::fromCode).flatMap(Optional::stream).forEach(set::add);
        return set;
    }
}
