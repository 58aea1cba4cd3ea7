package io.resellerkit.benchmarks;

import io.resellerkit.Page;
import io.resellerkit.model.AuditAction;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * B3: one filtered page of 50 audit events (hot reseller + three actions + a time range) out of
 * 1,000,000 ({@link AuditData}), newest first. Three sides in alternating iterations
 * ({@link Rounds}): the library's page 1 (side 0), the hand-written keyset query for page 1, one
 * statement (side 1), and the library's page 1,000 from a cursor obtained in setup by 999 hops
 * (side 2). Mean time per page.
 *
 * <p>Quick mode ({@code bench.quick}) loads a tenth of the events and compares with page 100.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AuditTrailBenchmark {
    static final int PAGE = 50;
    static final int LATE_PAGE = Boolean.getBoolean("bench.quick") ? 100 : 1_000;

    /** Three sides: library page 1, hand-written page 1, library late page. */
    public static class Sides extends Rounds {
        public Sides() {
            super(3);
        }
    }

    /** The hand-written keyset query, at its first page; {@code OFFSET} only to check page 1,000 in setup. */
    private static final String KEYSET_SQL = "SELECT id, occurred_at, actor_id, actor_role, actor_reseller_id, action,"
            + " resource_type, resource_id, reseller_id, changes, request_id, reason FROM rk_audit_events"
            + " WHERE reseller_id = ? AND action IN (?, ?, ?) AND occurred_at >= ? AND occurred_at < ?"
            + " ORDER BY occurred_at DESC, id DESC LIMIT ?";
    private static final String OFFSET_SQL = KEYSET_SQL + " OFFSET ?";

    BenchPool pool;
    ResellerKit kit;
    RequestContext asVendor;
    AuditData.Fixture data;
    AuditQuery query;
    String latePageCursor;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        Database db = Database.fromSystemProperties();
        pool = new BenchPool(db, params.getThreads());
        JdbcStorage storage = JdbcStorage.builder(pool).build();
        kit = ResellerKit.builder(storage).build();
        User vendor = Fixtures.vendor(kit, storage);
        asVendor = new RequestContext(vendor.id(), CreateUserBenchmark.REQUEST_ID);
        data = AuditData.ensure(db, kit, vendor);
        query = AuditQuery.all().forReseller(data.hotReseller()).withActions(AuditData.FILTER_ACTIONS)
                .withOccurredAt(data.range());

        latePageCursor = cursorOfPage(LATE_PAGE);
        // Both ways must land on the same rows, or the comparison means nothing.
        List<String> byCursor = kit.audit().query(asVendor, query, PageRequest.after(latePageCursor, PAGE)).items()
                .stream().map(e -> e.id().value()).toList();
        List<String> byOffset = offsetIds((LATE_PAGE - 1) * PAGE);
        if (!byCursor.equals(byOffset) || byCursor.size() != PAGE) {
            throw new IllegalStateException("page " + LATE_PAGE + " by cursor and by OFFSET differ: " + byCursor.size()
                    + " vs " + byOffset.size() + " rows");
        }
        Fixtures.report(String.format("CHECK B3: %,d events match the filter; page %d by cursor equals OFFSET %d",
                data.matching(), LATE_PAGE, (LATE_PAGE - 1) * PAGE));
    }

    /** The cursor that leads to page {@code n}: the next-cursor of page n-1, walked to from page 1. */
    private String cursorOfPage(int n) {
        Page<AuditEvent> page = kit.audit().query(asVendor, query, PageRequest.first(PAGE));
        for (int i = 2; i < n; i++) {
            page = kit.audit().query(asVendor, query, PageRequest.after(page.nextCursor(), PAGE));
        }
        if (page.nextCursor() == null) {
            throw new IllegalStateException("the filter matches fewer than " + n + " pages");
        }
        return page.nextCursor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** This iteration's side. */
    @Benchmark
    public Object page(Sides sides) throws SQLException {
        return switch (sides.side) {
            case 0 -> kit.audit().query(asVendor, query, PageRequest.first(PAGE));
            case 1 -> handWrittenFirstPage(pool, data);
            default -> kit.audit().query(asVendor, query, PageRequest.after(latePageCursor, PAGE));
        };
    }

    /** The hand-written keyset query's first page: one statement, every column read, as an application would. */
    static List<Object[]> handWrittenFirstPage(DataSource pool, AuditData.Fixture data) throws SQLException {
        return rows(pool, data, KEYSET_SQL, -1);
    }

    private List<String> offsetIds(int skip) throws SQLException {
        return rows(pool, data, OFFSET_SQL, skip).stream().map(r -> (String) r[0]).toList();
    }

    private static List<Object[]> rows(DataSource pool, AuditData.Fixture data, String sql, int skip) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, data.hotReseller().value());
            for (AuditAction action : AuditData.FILTER_ACTIONS) {
                ps.setString(i++, action.code());
            }
            ps.setObject(i++, OffsetDateTime.ofInstant(data.range().from(), ZoneOffset.UTC));
            ps.setObject(i++, OffsetDateTime.ofInstant(data.range().to(), ZoneOffset.UTC));
            ps.setInt(i++, PAGE);
            if (skip >= 0) {
                ps.setInt(i, skip);
            }
            List<Object[]> rows = new ArrayList<>(PAGE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)});
                }
            }
            return rows;
        }
    }
}
