package io.resellerkit.jdbc;

import static io.resellerkit.jdbc.Binds.Type.BOOL;
import static io.resellerkit.jdbc.Binds.Type.INT;
import static io.resellerkit.jdbc.Binds.Type.JSON;
import static io.resellerkit.jdbc.Binds.Type.LONG;
import static io.resellerkit.jdbc.Binds.Type.TEXT;
import static io.resellerkit.jdbc.Binds.Type.TIME;

import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.spi.LicenseStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Licenses in {@code <prefix>licenses}; the key is unique. */
final class JdbcLicenseStore extends JdbcEntityStore<LicenseId, License, LicenseQuery> implements LicenseStore {

    JdbcLicenseStore(Db db) {
        super(db, "licenses", "license", "key", List.of(
                new Column<>("id", TEXT, l -> l.id().value()),
                new Column<>("license_key", TEXT, License::key),
                new Column<>("product_id", TEXT, License::productId),
                new Column<>("allowed_activations", INT, License::allowedActivations),
                new Column<>("expires_at", TIME, License::expiresAt),
                new Column<>("suspended", BOOL, License::suspended),
                new Column<>("revoked", BOOL, License::revoked),
                new Column<>("reseller_id", TEXT, l -> l.resellerId() == null ? null : l.resellerId().value()),
                new Column<>("assigned_user", TEXT, l -> l.assignedUser() == null ? null : l.assignedUser().value()),
                new Column<>("assigned_organization", TEXT,
                        l -> l.assignedOrganization() == null ? null : l.assignedOrganization().value()),
                new Column<>("metadata", JSON, l -> Json.ofMetadata(l.metadata())),
                new Column<>("version", LONG, License::version),
                new Column<>("created_at", TIME, License::createdAt),
                new Column<>("updated_at", TIME, License::updatedAt),
                new Column<>("issued_by", TEXT, l -> l.issuedBy() == null ? null : l.issuedBy().value())), List.of(
                new Reference<>("user", "users", l -> l.assignedUser() == null ? null : l.assignedUser().value()),
                new Reference<>("organization", "organizations",
                        l -> l.assignedOrganization() == null ? null : l.assignedOrganization().value()),
                new Reference<>("reseller", "resellers", l -> l.resellerId() == null ? null : l.resellerId().value())));
    }

    @Override
    License map(ResultSet rs) throws SQLException {
        String reseller = rs.getString("reseller_id");
        String user = rs.getString("assigned_user");
        String organization = rs.getString("assigned_organization");
        return new License(LicenseId.of(rs.getString("id")), rs.getString("license_key"), rs.getString("product_id"),
                rs.getInt("allowed_activations"), Binds.instant(rs, "expires_at"), rs.getBoolean("suspended"),
                rs.getBoolean("revoked"), reseller == null ? null : ResellerId.of(reseller),
                user == null ? null : UserId.of(user), organization == null ? null : OrganizationId.of(organization),
                Json.metadata(rs.getString("metadata")), rs.getLong("version"),
                Binds.instant(rs, "created_at"), Binds.instant(rs, "updated_at"),
                rs.getString("issued_by") == null ? null : ResellerId.of(rs.getString("issued_by")));
    }

    @Override
    void filter(LicenseQuery q, Where w) {
        w.in("reseller_id", q.resellerIds(), ResellerId::value)
                .in("assigned_user", q.assignedUsers(), UserId::value)
                .in("assigned_organization", q.assignedOrganizations(), OrganizationId::value)
                .in("product_id", q.productIds(), p -> p)
                .flag("suspended", q.suspended())
                .flag("revoked", q.revoked())
                .time("expires_at", q.expiresAt());
    }

    @Override
    String key(LicenseId id) {
        return id.value();
    }
}
