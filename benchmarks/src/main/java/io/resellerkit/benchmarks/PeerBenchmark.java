package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.UUID;
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

/**
 * The peer: create a customer user under a quota with its audit row, through ResellerKit (side
 * 0, as in B1) and through Spring Data JPA on Hibernate ({@link JpaPeer}, side 1), in alternating
 * iterations ({@link Rounds}), each thread in a reseller of its own on each side. Both share
 * one {@link BenchPool}. Run with 1 and 8 threads by {@link RunAll}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeerBenchmark {

    /** The library (from B1's shared state) and the peer, on the same pool. */
    @State(Scope.Benchmark)
    public static class Peer {
        JpaPeer jpa;

        @Setup(Level.Trial)
        public void setUp(CreateUserBenchmark.Shared shared) {
            jpa = new JpaPeer(shared.pool);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            jpa.close();
        }
    }

    /** One thread's reseller and admin on each side. */
    @State(Scope.Thread)
    public static class OwnResellers {
        ResellerId reseller;
        RequestContext asAdmin;
        UUID jpaAdmin;
        UUID jpaReseller;

        @Setup(Level.Trial)
        public void setUp(CreateUserBenchmark.Shared shared, Peer peer) {
            Reseller r = Fixtures.reseller(shared.kit, shared.vendor, "peer", CreateUserBenchmark.LARGE_QUOTA);
            User admin = Fixtures.resellerAdmin(shared.kit, shared.vendor, r);
            reseller = r.id();
            asAdmin = new RequestContext(admin.id(), CreateUserBenchmark.REQUEST_ID);
            String[] ids = peer.jpa.resellerWithAdmin(CreateUserBenchmark.LARGE_QUOTA);
            jpaAdmin = UUID.fromString(ids[0]);
            jpaReseller = UUID.fromString(ids[1]);
        }
    }

    /** This iteration's side: ResellerKit's create or the JPA one. */
    @Benchmark
    public Object create(Rounds rounds, CreateUserBenchmark.Shared shared, Peer peer, OwnResellers own) {
        if (rounds.side == 0) {
            return shared.kit.users().create(own.asAdmin,
                    CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(own.reseller));
        }
        return peer.jpa.users().create(own.jpaAdmin, own.jpaReseller, "Bea", "Bench", Fixtures.uniqueEmail(),
                CreateUserBenchmark.REQUEST_ID);
    }
}
