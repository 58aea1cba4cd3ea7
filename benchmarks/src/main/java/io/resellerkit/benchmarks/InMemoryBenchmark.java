package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * B4: the library on {@link InMemoryStorage}, where nothing but the library itself costs
 * anything. {@code permissionCheckedRead} is {@code kit.users().get}: resolve the actor (and its
 * reseller, for suspension), load the user, ask the permission policy; the policy itself is
 * package-private, so this is the cheapest public call that makes exactly one permission
 * decision. {@link RunAll} runs it with 2 threads in alternating iterations ({@link Rounds}):
 * side 0 counts one thread while the other parks (1 ms per call, its calls not counted), side
 * 1 counts both. {@code create} is the full create of B1, on one thread.
 *
 * <p>The storage is new for every iteration, so the heap does not fill with the millions of
 * users a run creates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class InMemoryBenchmark {
    private static final int READABLE_USERS = 1_024;

    ResellerKit kit;
    ResellerId reseller;
    RequestContext asAdmin;
    UserId[] readable;

    @Setup(Level.Iteration)
    public void freshStorage() {
        kit = ResellerKit.builder(new InMemoryStorage()).build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        Reseller r = kit.resellers().create(RequestContext.of(vendor.id()),
                CreateReseller.of("B4", "partners@b4.example", -1, -1));
        reseller = r.id();
        User admin = kit.users().create(RequestContext.of(vendor.id()),
                CreateUser.of("Rita", "Reseller", "rita@b4.example", Role.RESELLER_ADMIN).inReseller(reseller));
        asAdmin = new RequestContext(admin.id(), CreateUserBenchmark.REQUEST_ID);
        readable = new UserId[READABLE_USERS];
        for (int i = 0; i < READABLE_USERS; i++) {
            readable[i] = create().id();
        }
    }

    /** Which user a thread reads next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public User permissionCheckedRead(Rounds rounds, Cursor cursor, ThreadParams thread) {
        if (rounds.side == 0 && thread.getThreadIndex() > 0) {
            LockSupport.parkNanos(1_000_000);
            return null;
        }
        return kit.users().get(asAdmin, readable[cursor.next++ & (READABLE_USERS - 1)]);
    }

    @Benchmark
    public User create() {
        return kit.users().create(asAdmin,
                CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(reseller));
    }
}
