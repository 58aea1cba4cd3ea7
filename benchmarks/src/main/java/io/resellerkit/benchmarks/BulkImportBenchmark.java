package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * B5, bulk import: {@value #ORGANIZATIONS} customers of {@value #USERS_EACH} users each (550
 * rows) into a reseller, by one {@code importCustomers} call (side 0) against the same rows
 * created one call at a time (side 1: each organization, then each of its users), in
 * alternating iterations ({@link Rounds}). One operation is the whole set on either side, so the
 * ratio of their rates is the import's speed-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class BulkImportBenchmark {
    static final int ORGANIZATIONS = 50;
    static final int USERS_EACH = 10;

    BenchPool pool;
    ResellerKit kit;
    ResellerId reseller;
    RequestContext asAdmin;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        pool = new BenchPool(Database.fromSystemProperties(), params.getThreads());
        JdbcStorage storage = JdbcStorage.builder(pool).build();
        kit = ResellerKit.builder(storage).build();
        User vendor = Fixtures.vendor(kit, storage);
        Reseller r = Fixtures.reseller(kit, vendor, "B5", CreateUserBenchmark.LARGE_QUOTA);
        reseller = r.id();
        asAdmin = new RequestContext(Fixtures.resellerAdmin(kit, vendor, r).id(), CreateUserBenchmark.REQUEST_ID);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public Object importOrCreateOneByOne(Rounds rounds) {
        List<ImportCustomers.Customer> customers = new ArrayList<>(ORGANIZATIONS);
        for (int i = 0; i < ORGANIZATIONS; i++) {
            List<CreateUser> users = new ArrayList<>(USERS_EACH);
            for (int j = 0; j < USERS_EACH; j++) {
                users.add(CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER));
            }
            customers.add(new ImportCustomers.Customer(
                    CreateOrganization.of("Bulk", Fixtures.uniqueEmail(), -1, null), users));
        }
        if (rounds.side == 0) {
            return kit.organizations().importCustomers(asAdmin, ImportCustomers.of(reseller, customers));
        }
        Object last = null;
        for (ImportCustomers.Customer c : customers) {
            CreateOrganization co = c.organization();
            Organization o = kit.organizations().create(asAdmin,
                    CreateOrganization.of(co.name(), co.email(), co.allowedUsers(), reseller));
            for (CreateUser u : c.users()) {
                last = kit.users().create(asAdmin, u.inOrganization(o.id()));
            }
        }
        return last;
    }
}
