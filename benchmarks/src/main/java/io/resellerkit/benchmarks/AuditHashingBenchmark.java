package io.resellerkit.benchmarks;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.PersonalSeals;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the tamper-evident trail costs per create (issue 12): side 0 is a whole in-memory create
 * of a user (as {@link InMemoryBenchmark#create}); side 1 is only the hashing that create's event
 * gets: its personal values' salted seals and its chain link (SHA-256 over the canonical content
 * and the previous hash), done on that very event. Their ratio of throughputs is the hashing's
 * share of a create's time; against a JDBC create (B1) the share is that much smaller again.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class AuditHashingBenchmark {
    ResellerKit kit;
    ResellerId reseller;
    RequestContext asAdmin;
    AuditEvent event;
    ChainHead head;

    @Setup(Level.Iteration)
    public void freshStorage() {
        kit = ResellerKit.builder(new InMemoryStorage()).build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        Reseller r = kit.resellers().create(RequestContext.of(vendor.id()),
                CreateReseller.of("Hash", "partners@hash.example", -1, -1));
        reseller = r.id();
        User admin = kit.users().create(RequestContext.of(vendor.id()),
                CreateUser.of("Rita", "Reseller", "rita@hash.example", Role.RESELLER_ADMIN).inReseller(reseller));
        asAdmin = new RequestContext(admin.id(), CreateUserBenchmark.REQUEST_ID);
        create();
        // The event a create of a user writes; hashed after a head as a busy chain has.
        event = kit.audit().query(RequestContext.of(vendor.id()),
                        AuditQuery.all().withActions(Set.of(AuditAction.USER_CREATED)), PageRequest.first(1))
                .items().get(0);
        head = new ChainHead("reseller/" + reseller.value(), 41, "ab".repeat(32));
    }

    @Benchmark
    public Object createOrHash(Rounds rounds) {
        return rounds.side == 0 ? create() : ChainLink.after(head, event, PersonalSeals.seal(event));
    }

    private User create() {
        return kit.users().create(asAdmin,
                CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(reseller));
    }
}
