package io.resellerkit.jdbc;

import static io.resellerkit.jdbc.Binds.Type.INT;
import static io.resellerkit.jdbc.Binds.Type.JSON;
import static io.resellerkit.jdbc.Binds.Type.LONG;
import static io.resellerkit.jdbc.Binds.Type.TEXT;
import static io.resellerkit.jdbc.Binds.Type.TIME;

import io.resellerkit.error.StorageException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.spi.ResellerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Resellers in {@code <prefix>resellers}. */
final class JdbcResellerStore extends JdbcEntityStore<ResellerId, Reseller, ResellerQuery> implements ResellerStore {

    JdbcResellerStore(Db db) {
        super(db, "resellers", "reseller", null, List.of(
                new Column<>("id", TEXT, r -> r.id().value()),
                new Column<>("name", TEXT, Reseller::name),
                new Column<>("name_lc", TEXT, r -> r.name().toLowerCase(Locale.ROOT)),
                new Column<>("email", TEXT, Reseller::email),
                new Column<>("email_lc", TEXT, r -> r.email().toLowerCase(Locale.ROOT)),
                new Column<>("phone", TEXT, Reseller::phone),
                new Column<>("company_address", TEXT, Reseller::companyAddress),
                new Column<>("allowed_users", INT, Reseller::allowedUsers),
                new Column<>("allowed_organizations", INT, Reseller::allowedOrganizations),
                new Column<>("status", TEXT, r -> r.status().code()),
                new Column<>("contract_ends_at", TIME, Reseller::contractEndsAt),
                new Column<>("metadata", JSON, r -> Json.ofMetadata(r.metadata())),
                new Column<>("version", LONG, Reseller::version),
                new Column<>("created_at", TIME, Reseller::createdAt),
                new Column<>("updated_at", TIME, Reseller::updatedAt),
                new Column<>("parent_id", TEXT, r -> r.parentId() == null ? null : r.parentId().value()),
                new Column<>("allowed_licenses", INT, Reseller::allowedLicenses)),
                List.of(new Reference<>("reseller", "resellers", r -> r.parentId() == null ? null : r.parentId().value())));
    }

    @Override
    Reseller map(ResultSet rs) throws SQLException {
        return map(rs, "");
    }

    /** Reads a reseller from columns named with {@code prefix} (as {@link #columnsAs} gives them). */
    Reseller map(ResultSet rs, String p) throws SQLException {
        String status = rs.getString(p + "status");
        return new Reseller(ResellerId.of(rs.getString(p + "id")), rs.getString(p + "name"), rs.getString(p + "email"),
                rs.getString(p + "phone"), rs.getString(p + "company_address"), rs.getInt(p + "allowed_users"),
                rs.getInt(p + "allowed_organizations"),
                ResellerStatus.fromCode(status).orElseThrow(() -> new StorageException("unknown reseller status in storage", null)),
                Binds.instant(rs, p + "contract_ends_at"), Json.metadata(rs.getString(p + "metadata")), rs.getLong(p + "version"),
                Binds.instant(rs, p + "created_at"), Binds.instant(rs, p + "updated_at"),
                rs.getString(p + "parent_id") == null ? null : ResellerId.of(rs.getString(p + "parent_id")),
                rs.getInt(p + "allowed_licenses"));
    }

    @Override
    void filter(ResellerQuery q, Where w) {
        w.in("id", q.ids(), ResellerId::value)
                .in("parent_id", q.parentIds(), ResellerId::value)
                .in("status", q.statuses(), ResellerStatus::code)
                .text("name_lc", q.name())
                .text("email_lc", q.email())
                .time("created_at", q.createdAt());
    }

    @Override
    String key(ResellerId id) {
        return id.value();
    }
}
