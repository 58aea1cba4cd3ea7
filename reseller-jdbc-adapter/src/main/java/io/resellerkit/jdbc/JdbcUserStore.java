package io.resellerkit.jdbc;

import static io.resellerkit.jdbc.Binds.Type.JSON;
import static io.resellerkit.jdbc.Binds.Type.LONG;
import static io.resellerkit.jdbc.Binds.Type.TEXT;
import static io.resellerkit.jdbc.Binds.Type.TIME;

import io.resellerkit.error.StorageException;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.UserAndReseller;
import io.resellerkit.spi.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users in {@code <prefix>users}; the email, as stored, is unique. */
final class JdbcUserStore extends JdbcEntityStore<UserId, User, UserQuery> implements UserStore {

    private final JdbcResellerStore resellers;
    private final String withResellerSql;

    JdbcUserStore(Db db, JdbcResellerStore resellers) {
        super(db, "users", "user", "email", List.of(
                new Column<>("id", TEXT, u -> u.id().value()),
                new Column<>("first_name", TEXT, User::firstName),
                new Column<>("last_name", TEXT, User::lastName),
                new Column<>("email", TEXT, User::email),
                new Column<>("email_lc", TEXT, u -> u.email().toLowerCase(Locale.ROOT)),
                new Column<>("role", TEXT, u -> u.role().code()),
                new Column<>("reseller_id", TEXT, u -> u.resellerId() == null ? null : u.resellerId().value()),
                new Column<>("organization_id", TEXT,
                        u -> u.organizationId() == null ? null : u.organizationId().value()),
                new Column<>("metadata", JSON, u -> Json.ofMetadata(u.metadata())),
                new Column<>("version", LONG, User::version),
                new Column<>("created_at", TIME, User::createdAt),
                new Column<>("updated_at", TIME, User::updatedAt)), List.of(
                new Reference<>("organization", "organizations",
                        u -> u.organizationId() == null ? null : u.organizationId().value()),
                new Reference<>("reseller", "resellers", u -> u.resellerId() == null ? null : u.resellerId().value())));
        this.resellers = resellers;
        this.withResellerSql = "SELECT " + columnsAs("u", "") + ", " + resellers.columnsAs("r", "r_") + " FROM "
                + db.table("users") + " u LEFT JOIN " + db.table("resellers") + " r ON r.id = u.reseller_id WHERE u.id = ?";
    }

    /** The user and its reseller in one statement: the actor of every call is read this way. */
    Optional<UserAndReseller> findWithReseller(UserId id) {
        return db.tx.inRead("read a user and its reseller", c -> {
            try (PreparedStatement ps = db.prepare(c, withResellerSql)) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new UserAndReseller(map(rs),
                            rs.getString("r_id") == null ? null : resellers.map(rs, "r_")));
                }
            }
        });
    }

    @Override
    User map(ResultSet rs) throws SQLException {
        String reseller = rs.getString("reseller_id");
        String organization = rs.getString("organization_id");
        return new User(UserId.of(rs.getString("id")), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), role(rs.getString("role")), reseller == null ? null : ResellerId.of(reseller),
                organization == null ? null : OrganizationId.of(organization), Json.metadata(rs.getString("metadata")),
                rs.getLong("version"), Binds.instant(rs, "created_at"), Binds.instant(rs, "updated_at"));
    }

    static Role role(String code) {
        return Role.fromCode(code).orElseThrow(() -> new StorageException("unknown role in storage", null));
    }

    @Override
    void filter(UserQuery q, Where w) {
        w.in("id", q.ids(), UserId::value)
                .in("reseller_id", q.resellerIds(), ResellerId::value)
                .in("organization_id", q.organizationIds(), OrganizationId::value)
                .in("role", q.roles(), Role::code)
                .text("email_lc", q.email())
                .time("created_at", q.createdAt());
    }

    @Override
    String key(UserId id) {
        return id.value();
    }
}
