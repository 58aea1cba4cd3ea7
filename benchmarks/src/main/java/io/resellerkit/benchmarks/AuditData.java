package io.resellerkit.benchmarks;

import io.resellerkit.model.AuditAction;
import io.resellerkit.ResellerKit;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.query.TimeRange;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * B3's audit trail: 1,000,000 events over one year across 100 resellers, written straight into
 * the adapter's {@code rk_audit_events} table with COPY. One reseller is hot (one event in
 * ten); the others share the rest. Six in ten events are {@code user.*} actions, so the B3
 * filter (hot reseller, the three {@code user.*} actions, 351 of the 366 days) matches about
 * 57,000 events: page 1,000 of 50 exists.
 *
 * <p>Loaded once per database: the resellers are remembered in a table of the benchmark's
 * own, {@code bench_audit_resellers}, and a second call finds them.
 */
final class AuditData {
    /** A tenth in quick mode, which pages to 100 instead of 1,000. */
    static final int EVENTS = Boolean.getBoolean("bench.quick") ? 100_000 : 1_000_000;
    static final int RESELLERS = 100;
    static final Set<AuditAction> FILTER_ACTIONS = Set.of(AuditAction.USER_CREATED, AuditAction.USER_UPDATED, AuditAction.USER_DELETED);
    /** Ten slots, six of them user.* actions. */
    private static final AuditAction[] ACTIONS = {AuditAction.USER_CREATED, AuditAction.USER_UPDATED, AuditAction.ORGANIZATION_CREATED, AuditAction.USER_CREATED,
        AuditAction.LICENSE_ASSIGNED, AuditAction.USER_DELETED, AuditAction.ORGANIZATION_UPDATED, AuditAction.USER_UPDATED, AuditAction.ACCESS_DENIED, AuditAction.USER_CREATED};
    private static final String[] RESOURCE = {"user", "user", "organization", "user", "license", "user",
        "organization", "user", "user", "user"};
    private static final Duration SPAN = Duration.ofDays(366);

    /** What the benchmark filters on. */
    record Fixture(ResellerId hotReseller, TimeRange range, long matching) {
    }

    private AuditData() {
    }

    /** Loads the events unless this database has them already; returns the hot reseller and time range. */
    static Fixture ensure(Database db, ResellerKit kit, User vendor) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_audit_resellers (idx INTEGER PRIMARY KEY,"
                        + " reseller_id TEXT NOT NULL, first_event TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            Map<Integer, String> resellers = new LinkedHashMap<>();
            Instant start = null;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT idx, reseller_id, first_event FROM bench_audit_resellers ORDER BY idx")) {
                while (rs.next()) {
                    resellers.put(rs.getInt(1), rs.getString(2));
                    start = rs.getObject(3, java.time.OffsetDateTime.class).toInstant();
                }
            }
            if (resellers.size() != RESELLERS) {
                if (!resellers.isEmpty()) {
                    throw new IllegalStateException("bench_audit_resellers is half filled: drop it and the B3 events");
                }
                start = Instant.now().minus(SPAN).truncatedTo(ChronoUnit.SECONDS);
                load(c, kit, vendor, start, resellers);
            }
            ResellerId hot = ResellerId.of(resellers.get(0));
            TimeRange range = new TimeRange(start.plus(Duration.ofDays(7)), start.plus(Duration.ofDays(358)));
            return new Fixture(hot, range, matching(c, hot, range));
        }
    }

    private static void load(Connection c, ResellerKit kit, User vendor, Instant start, Map<Integer, String> resellers)
            throws SQLException {
        long began = System.nanoTime();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bench_audit_resellers (idx, reseller_id, first_event) VALUES (?, ?, ?)")) {
            for (int i = 0; i < RESELLERS; i++) {
                Reseller r = Fixtures.reseller(kit, vendor, "B3 " + i, -1);
                ids.add(r.id().value());
                resellers.put(i, r.id().value());
                ps.setInt(1, i);
                ps.setString(2, r.id().value());
                ps.setObject(3, java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // Loading into a table without its secondary indexes and building them afterwards is
        // several times faster; the definitions are read back from the database, so they are
        // exactly the adapter's.
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                    + " WHERE tablename = 'rk_audit_events' AND indexname NOT LIKE '%pkey'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                }
            }
            for (String def : indexes) {
                s.execute("DROP INDEX " + def.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            }
        }
        copy(c, start, ids);
        long copied = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            for (String def : indexes) {
                s.execute(def);
            }
            s.execute("VACUUM ANALYZE rk_audit_events");
        }
        System.out.printf("B3: loaded %,d audit events with COPY in %.1f s, rebuilt %d indexes and vacuumed in %.1f s%n",
                EVENTS, (copied - began) / 1e9, indexes.size(), (System.nanoTime() - copied) / 1e9);
    }

    private static void copy(Connection c, Instant start, List<String> resellerIds) throws SQLException {
        long stepMicros = SPAN.toNanos() / 1_000 / EVENTS;
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY rk_audit_events (id, occurred_at, actor_id,"
                + " actor_role, actor_reseller_id, action, resource_type, resource_id, reseller_id, changes, request_id,"
                + " reason) FROM STDIN");
        try {
            StringBuilder sb = new StringBuilder(4 << 20);
            int others = 0;
            for (int i = 0; i < EVENTS; i++) {
                Instant at = start.plus(i * stepMicros, ChronoUnit.MICROS);
                String reseller = i % 10 == 0 ? resellerIds.get(0) : resellerIds.get(1 + others++ % (RESELLERS - 1));
                int slot = (i / 10 + i) % 10;
                AuditAction action = ACTIONS[slot];
                String resourceId = new UUID(0x7000L | i, 0x8000000000000000L | i).toString();
                String changes = action.equals(AuditAction.USER_CREATED)
                        ? "[{\"field\":\"email\",\"old\":null,\"new\":\"u" + i + "@example.com\"},"
                        + "{\"field\":\"role\",\"old\":null,\"new\":\"user\"}]"
                        : action.code().endsWith(".updated") ? "[{\"field\":\"lastName\",\"old\":\"A\",\"new\":\"B\"}]" : "[]";
                sb.append(new UUID((at.toEpochMilli() << 16) | 0x7000L | (i & 0xFFF), 0x8000000000000000L | i))
                        .append('\t').append(at).append('\t')
                        .append("actor-").append(reseller, 0, 8).append('\t')
                        .append("reseller-admin").append('\t').append(reseller).append('\t')
                        .append(action).append('\t').append(RESOURCE[slot]).append('\t').append(resourceId).append('\t')
                        .append(reseller).append('\t').append(changes).append('\t')
                        .append("req-").append(i).append('\t')
                        .append(action.equals(AuditAction.ACCESS_DENIED) ? "reseller-admin may not read this user" : "\\N")
                        .append('\n');
                if (sb.length() > (4 << 20) - 2_000) {
                    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    sb.setLength(0);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static long matching(Connection c, ResellerId hot, TimeRange range) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rk_audit_events WHERE reseller_id = ?"
                + " AND action IN ('user.created', 'user.updated', 'user.deleted') AND occurred_at >= ? AND occurred_at < ?")) {
            ps.setString(1, hot.value());
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(range.from(), java.time.ZoneOffset.UTC));
            ps.setObject(3, java.time.OffsetDateTime.ofInstant(range.to(), java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
