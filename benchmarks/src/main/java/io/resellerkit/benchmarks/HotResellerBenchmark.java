package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * B2: a hot reseller. Every thread (16 in {@link RunAll}) creates customer users in the same
 * reseller, so every create updates the same quota counter row (and appends to the same audit
 * chain) and waits for the row locks the previous create holds until it commits. The library
 * (side 0) against the best hand-written order, the quota slot taken last (side 1), in
 * alternating iterations ({@link Rounds}).
 *
 * <p>After the measurement, outside the timing, the check, for each side: the counter equals
 * the number of customer rows, and, with the cap then set 1,000 above that and 16 threads
 * making 1,600 attempts, exactly 1,000 are granted and rows = counter = cap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class HotResellerBenchmark {
    private static final int HEADROOM = 1_000;
    private static final int ATTEMPTS_PER_THREAD = 100;

    BenchPool pool;
    ResellerKit kit;
    RequestContext asVendor;
    Reseller reseller;
    RequestContext asAdmin;
    HandWrittenJdbc handWritten;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        pool = new BenchPool(Database.fromSystemProperties(), Math.max(params.getThreads(), 16));
        JdbcStorage storage = JdbcStorage.builder(pool).build();
        kit = ResellerKit.builder(storage).build();
        User vendor = Fixtures.vendor(kit, storage);
        asVendor = RequestContext.of(vendor.id());
        reseller = Fixtures.reseller(kit, vendor, "B2", CreateUserBenchmark.LARGE_QUOTA);
        User admin = Fixtures.resellerAdmin(kit, vendor, reseller);
        asAdmin = new RequestContext(admin.id(), CreateUserBenchmark.REQUEST_ID);
        handWritten = new HandWrittenJdbc(pool, reseller.id().value(), admin.id().value());
    }

    /** This iteration's side: the library's create or the hand-written one. */
    @Benchmark
    public Object create(Rounds rounds) throws SQLException {
        return rounds.side == 0 ? library() : handWritten();
    }

    private User library() {
        return kit.users().create(asAdmin,
                CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(reseller.id()));
    }

    private String handWritten() throws SQLException {
        return handWritten.createUser("Bea", "Bench", Fixtures.uniqueEmail(), CreateUserBenchmark.REQUEST_ID);
    }

    @TearDown(Level.Trial)
    public void checkNoOvershoot() throws Exception {
        try {
            check("library");
            check("handWritten");
        } finally {
            pool.close();
        }
    }

    private void check(String side) throws Exception {
        long rows = rows();
        long counter = counter();
        int cap = (int) rows + HEADROOM;
        kit.resellers().changeQuotas(asVendor, reseller.id(), ChangeQuotas.to(cap, -1));
        int granted = fillToCap(side);
        long rowsAtCap = rows();
        long counterAtCap = counter();
        boolean ok = rows == counter && granted == HEADROOM && rowsAtCap == cap && counterAtCap == cap;
        Fixtures.report(String.format("CHECK B2 %s: after the run rows=%d counter=%d; cap set to %d, %d threads x %d"
                        + " attempts granted %d; rows=%d counter=%d -> %s", side, rows, counter, cap, 16,
                ATTEMPTS_PER_THREAD, granted, rowsAtCap, counterAtCap, ok ? "no overshoot" : "MISMATCH"));
    }

    /** 16 threads try to create 1,600 users against 1,000 free slots; returns how many got one. */
    private int fillToCap(String side) throws Exception {
        AtomicInteger granted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(threads.submit((Callable<Void>) () -> {
                    for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                        try {
                            if (side.equals("library")) {
                                library();
                            } else {
                                handWritten();
                            }
                            granted.incrementAndGet();
                        } catch (QuotaExceededException | HandWrittenJdbc.QuotaExceeded refused) {
                            // Expected once the cap is reached.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
            threads.awaitTermination(1, TimeUnit.MINUTES);
        }
        return granted.get();
    }

    private long rows() throws SQLException {
        return single("SELECT count(*) FROM rk_users WHERE reseller_id = ? AND role = 'user'");
    }

    private long counter() throws SQLException {
        return single("SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS' AND owner_id = ?");
    }

    private long single(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, reseller.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
