package io.resellerkit.jdbc;

import static io.resellerkit.jdbc.Binds.Type.INT;
import static io.resellerkit.jdbc.Binds.Type.JSON;
import static io.resellerkit.jdbc.Binds.Type.LONG;
import static io.resellerkit.jdbc.Binds.Type.TEXT;
import static io.resellerkit.jdbc.Binds.Type.TIME;

import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.spi.OrganizationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Organizations in {@code <prefix>organizations}. */
final class JdbcOrganizationStore extends JdbcEntityStore<OrganizationId, Organization, OrganizationQuery>
        implements OrganizationStore {

    JdbcOrganizationStore(Db db) {
        super(db, "organizations", "organization", null, List.of(
                new Column<>("id", TEXT, o -> o.id().value()),
                new Column<>("name", TEXT, Organization::name),
                new Column<>("name_lc", TEXT, o -> o.name().toLowerCase(Locale.ROOT)),
                new Column<>("email", TEXT, Organization::email),
                new Column<>("email_lc", TEXT, o -> o.email().toLowerCase(Locale.ROOT)),
                new Column<>("address", TEXT, Organization::address),
                new Column<>("allowed_users", INT, Organization::allowedUsers),
                new Column<>("reseller_id", TEXT, o -> o.resellerId() == null ? null : o.resellerId().value()),
                new Column<>("metadata", JSON, o -> Json.ofMetadata(o.metadata())),
                new Column<>("version", LONG, Organization::version),
                new Column<>("created_at", TIME, Organization::createdAt),
                new Column<>("updated_at", TIME, Organization::updatedAt)), List.of(
                new Reference<>("reseller", "resellers", o -> o.resellerId() == null ? null : o.resellerId().value())));
    }

    @Override
    Organization map(ResultSet rs) throws SQLException {
        String reseller = rs.getString("reseller_id");
        return new Organization(OrganizationId.of(rs.getString("id")), rs.getString("name"), rs.getString("email"),
                rs.getString("address"), rs.getInt("allowed_users"), reseller == null ? null : ResellerId.of(reseller),
                Json.metadata(rs.getString("metadata")), rs.getLong("version"),
                Binds.instant(rs, "created_at"), Binds.instant(rs, "updated_at"));
    }

    @Override
    void filter(OrganizationQuery q, Where w) {
        w.in("id", q.ids(), OrganizationId::value)
                .in("reseller_id", q.resellerIds(), ResellerId::value)
                .text("name_lc", q.name())
                .text("email_lc", q.email())
                .time("created_at", q.createdAt());
    }

    @Override
    String key(OrganizationId id) {
        return id.value();
    }
}
