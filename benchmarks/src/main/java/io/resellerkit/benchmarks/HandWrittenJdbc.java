package io.resellerkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The baseline: what a developer would write by hand to create a customer user with the same
 * effect as {@code kit.users().create(...)} on the same schema, in one transaction and the fewest
 * statements: take the quota slot with one conditional UPDATE that reads the reseller's cap
 * itself, insert the user row, insert the {@code user.created} audit row (with the same changed
 * fields the library records), commit. Four round trips where the library makes more.
 *
 * <p>What it leaves out, because hand-written code usually gets it from elsewhere: looking up
 * the acting user and its reseller, the permission decision, input validation, statement
 * timeouts.
 */
final class HandWrittenJdbc {
    /** Thrown when the reseller's cap is used up; the transaction is rolled back. */
    static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded() {
            super("quota exceeded", null, false, false);
        }
    }

    private static final String TAKE_SLOT = "UPDATE rk_usage_counters SET used = used + 1"
            + " WHERE kind = 'RESELLER_USERS' AND owner_id = ?"
            + " AND EXISTS (SELECT 1 FROM rk_resellers r WHERE r.id = ? AND (r.allowed_users = -1 OR used < r.allowed_users))";
    private static final String INSERT_USER = "INSERT INTO rk_users (id, first_name, last_name, email, email_lc, role,"
            + " reseller_id, organization_id, metadata, version, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, 'user', ?, NULL, '{}'::jsonb, 1, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO rk_audit_events (id, occurred_at, actor_id, actor_role,"
            + " actor_reseller_id, action, resource_type, resource_id, reseller_id, changes, request_id, reason)"
            + " VALUES (?, ?, ?, 'reseller-admin', ?, 'user.created', 'user', ?, ?, ?::jsonb, ?, NULL)";
    private static final String ENSURE_COUNTER = "INSERT INTO rk_usage_counters (kind, owner_id, used)"
            + " VALUES ('RESELLER_USERS', ?, 0) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final String resellerId;
    private final String actorId;
    private final boolean slotLast;

    /** Creates users in {@code resellerId} acting as its admin {@code actorId}, taking the quota slot first. */
    HandWrittenJdbc(DataSource dataSource, String resellerId, String actorId) throws SQLException {
        this(dataSource, resellerId, actorId, false);
    }

    /**
     * @param slotLast take the quota slot as the last statement before COMMIT instead of the
     *                 first, so the counter row stays locked for one round trip instead of three
     *                 (the inserts are rolled back when the cap is used up)
     */
    HandWrittenJdbc(DataSource dataSource, String resellerId, String actorId, boolean slotLast) throws SQLException {
        this.dataSource = dataSource;
        this.resellerId = resellerId;
        this.actorId = actorId;
        this.slotLast = slotLast;
        // Once, at reseller creation, in hand-written code too.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ENSURE_COUNTER)) {
            ps.setString(1, resellerId);
            ps.executeUpdate();
        }
    }

    /** Creates one customer user; returns its id. */
    String createUser(String firstName, String lastName, String email, String requestId) throws SQLException {
        String userId = Fixtures.uuidV7();
        String emailLc = email.trim().toLowerCase(java.util.Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!slotLast) {
                    takeSlot(c);
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
                    ps.setString(1, userId);
                    ps.setString(2, firstName);
                    ps.setString(3, lastName);
                    ps.setString(4, emailLc);
                    ps.setString(5, emailLc);
                    ps.setString(6, resellerId);
                    ps.setObject(7, now);
                    ps.setObject(8, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                    ps.setString(1, Fixtures.uuidV7());
                    ps.setObject(2, now);
                    ps.setString(3, actorId);
                    ps.setString(4, resellerId);
                    ps.setString(5, userId);
                    ps.setString(6, resellerId);
                    ps.setString(7, changes(firstName, lastName, emailLc));
                    ps.setString(8, requestId);
                    ps.executeUpdate();
                }
                if (slotLast) {
                    takeSlot(c);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return userId;
    }

    private void takeSlot(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TAKE_SLOT)) {
            ps.setString(1, resellerId);
            ps.setString(2, resellerId);
            if (ps.executeUpdate() != 1) {
                throw new QuotaExceeded();
            }
        }
    }

    /** The changed fields of a create, as the library stores them (values here need no escaping). */
    private String changes(String firstName, String lastName, String email) {
        return "[" + change("firstName", firstName) + "," + change("lastName", lastName) + ","
                + change("email", email) + "," + change("role", "user") + "," + change("resellerId", resellerId) + "]";
    }

    private static String change(String field, String value) {
        return "{\"field\":\"" + field + "\",\"old\":null,\"new\":\"" + value + "\"}";
    }
}
