package io.resellerkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The baseline: what a developer would write by hand to create a customer user with the same
 * effect as {@code kit.users().create(...)} on the same schema, doing the same work, in the best
 * order and the fewest statements:
 * <ol>
 *   <li>resolve the actor and check its right in one join: a reseller admin of this reseller,
 *       whose reseller is active and its contract not ended;</li>
 *   <li>insert the user row;</li>
 *   <li>append the {@code user.created} audit row to a hash chain of its own (lock the chain's
 *       head row, insert the event with its sequence number and SHA-256 link, move the head), as
 *       the library does for its reseller's chain;</li>
 *   <li>take the quota slot last, with one conditional UPDATE of the counter row (the slot
 *       order that keeps the counter row locked shortest), then COMMIT.</li>
 * </ol>
 * Seven statements where the library sends eight (see the statement census in the results).
 * What it leaves out, because hand-written code usually does without: input validation beyond
 * what the database checks, statement timeouts, mapping rows back to objects.
 */
final class HandWrittenJdbc {
    /** Thrown when the reseller's cap is used up; the transaction is rolled back. */
    static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded() {
            super("quota exceeded", null, false, false);
        }
    }

    /** Thrown when the actor may not create users in the reseller. */
    static final class AccessDenied extends RuntimeException {
        AccessDenied() {
            super("access denied", null, false, false);
        }
    }

    private static final String ACTOR = "SELECT u.role, u.reseller_id, r.status, r.contract_ends_at, u.first_name, u.last_name, u.email"
            + " FROM rk_users u"
            + " LEFT JOIN rk_resellers r ON r.id = u.reseller_id WHERE u.id = ?";
    private static final String INSERT_USER = "INSERT INTO rk_users (id, first_name, last_name, email, email_lc, role,"
            + " reseller_id, organization_id, metadata, version, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, 'user', ?, NULL, '{}'::jsonb, 1, ?, ?)";
    private static final String LOCK_CHAIN = "SELECT last_seq, last_hash FROM rk_audit_chains WHERE chain_id = ? FOR UPDATE";
    private static final String INSERT_EVENT = "INSERT INTO rk_audit_events (id, occurred_at, actor_id, actor_role,"
            + " actor_reseller_id, action, resource_type, resource_id, reseller_id, changes, request_id, reason,"
            + " chain_id, chain_seq, prev_hash, hash, actor_name, actor_email, actor_email_lc, search_lc)"
            + " VALUES (?, ?, ?, 'reseller-admin', ?, 'user.created', 'user', ?, ?, ?::jsonb, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MOVE_CHAIN = "UPDATE rk_audit_chains SET last_seq = ?, last_hash = ? WHERE chain_id = ?";
    private static final String TAKE_SLOT = "UPDATE rk_usage_counters SET used = used + 1"
            + " WHERE kind = 'RESELLER_USERS' AND owner_id = ? AND (cap = -1 OR used < cap)";
    private static final String ENSURE_CHAIN = "INSERT INTO rk_audit_chains (chain_id, last_seq, last_hash)"
            + " VALUES (?, 0, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final String resellerId;
    private final String actorId;
    private final String chainId;

    /** Creates users in {@code resellerId} (made through the library, so its counter row exists) acting as {@code actorId}. */
    HandWrittenJdbc(DataSource dataSource, String resellerId, String actorId) throws SQLException {
        this.dataSource = dataSource;
        this.resellerId = resellerId;
        this.actorId = actorId;
        // A chain of its own, so the library's chain for the reseller stays the library's.
        this.chainId = "hand-written/" + resellerId;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ENSURE_CHAIN)) {
            ps.setString(1, chainId);
            ps.setString(2, "0".repeat(64));
            ps.executeUpdate();
        }
    }

    /** Creates one customer user; returns its id. */
    String createUser(String firstName, String lastName, String email, String requestId) throws SQLException {
        String userId = Fixtures.uuidV7();
        String emailLc = email.trim().toLowerCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Actor actor = checkActor(c);
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
                appendEvent(c, actor, userId, now, changes(firstName, lastName, emailLc), requestId);
                takeSlot(c);
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

    /** Who acts, as the audit row names them. */
    private record Actor(String name, String email) {
    }

    private Actor checkActor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACTOR)) {
            ps.setString(1, actorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"reseller-admin".equals(rs.getString(1)) || !resellerId.equals(rs.getString(2))
                        || !"active".equals(rs.getString(3))) {
                    throw new AccessDenied();
                }
                OffsetDateTime contractEnds = rs.getObject(4, OffsetDateTime.class);
                if (contractEnds != null && !contractEnds.toInstant().isAfter(Instant.now())) {
                    throw new AccessDenied();
                }
                return new Actor(rs.getString(5) + " " + rs.getString(6), rs.getString(7));
            }
        }
    }

    private void appendEvent(Connection c, Actor actor, String userId, OffsetDateTime now, String changes, String requestId)
            throws SQLException {
        long seq;
        String prevHash;
        try (PreparedStatement ps = c.prepareStatement(LOCK_CHAIN)) {
            ps.setString(1, chainId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
                prevHash = rs.getString(2);
            }
        }
        String eventId = Fixtures.uuidV7();
        String canonical = "{\"id\":\"" + eventId + "\",\"occurredAt\":\"" + now.toInstant() + "\",\"actorId\":\""
                + actorId + "\",\"action\":\"user.created\",\"resourceId\":\"" + userId + "\",\"resellerId\":\""
                + resellerId + "\",\"changes\":" + changes + ",\"requestId\":\"" + requestId + "\"}";
        String hash = sha256(canonical + prevHash);
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            ps.setString(1, eventId);
            ps.setObject(2, now);
            ps.setString(3, actorId);
            ps.setString(4, resellerId);
            ps.setString(5, userId);
            ps.setString(6, resellerId);
            ps.setString(7, changes);
            ps.setString(8, requestId);
            ps.setString(9, chainId);
            ps.setLong(10, seq);
            ps.setString(11, prevHash);
            ps.setString(12, hash);
            String actorEmailLc = actor.email().toLowerCase(Locale.ROOT);
            ps.setString(13, actor.name());
            ps.setString(14, actor.email());
            ps.setString(15, actorEmailLc);
            ps.setString(16, (actor.name() + "\n" + actorEmailLc + "\n" + userId).toLowerCase(Locale.ROOT));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(MOVE_CHAIN)) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.setString(3, chainId);
            ps.executeUpdate();
        }
    }

    private void takeSlot(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TAKE_SLOT)) {
            ps.setString(1, resellerId);
            if (ps.executeUpdate() != 1) {
                throw new QuotaExceeded();
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
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
