package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
 * B1: create a customer user, through the library (side 0) and by hand-written JDBC doing the
 * same work (side 1, {@link HandWrittenJdbc}), in alternating iterations ({@link Rounds}). Every
 * thread works in a reseller of its own (cap 10,000,000), so threads do not queue on one quota
 * counter; B2 measures that case. Run with 1 and 8 threads by {@link RunAll}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CreateUserBenchmark {
    static final int LARGE_QUOTA = 10_000_000;
    static final String REQUEST_ID = "bench-request";

    /** The database, the kit and the vendor, shared by every thread. */
    @State(Scope.Benchmark)
    public static class Shared {
        BenchPool pool;
        ResellerKit kit;
        User vendor;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) throws SQLException {
            pool = new BenchPool(Database.fromSystemProperties(), params.getThreads());
            JdbcStorage storage = JdbcStorage.builder(pool).build();
            kit = ResellerKit.builder(storage).build();
            vendor = Fixtures.vendor(kit, storage);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** One thread's reseller and its admin, who acts on both sides. */
    @State(Scope.Thread)
    public static class OwnReseller {
        ResellerId reseller;
        RequestContext asAdmin;
        HandWrittenJdbc handWritten;

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            Reseller r = Fixtures.reseller(shared.kit, shared.vendor, "B1", LARGE_QUOTA);
            User admin = Fixtures.resellerAdmin(shared.kit, shared.vendor, r);
            reseller = r.id();
            asAdmin = new RequestContext(admin.id(), REQUEST_ID);
            handWritten = new HandWrittenJdbc(shared.pool, r.id().value(), admin.id().value());
        }
    }

    /** This iteration's side: the library's create or the hand-written one. */
    @Benchmark
    public Object create(Rounds rounds, Shared shared, OwnReseller own) throws SQLException {
        if (rounds.side == 0) {
            return shared.kit.users().create(own.asAdmin,
                    CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(own.reseller));
        }
        return own.handWritten.createUser("Bea", "Bench", Fixtures.uniqueEmail(), REQUEST_ID);
    }
}
