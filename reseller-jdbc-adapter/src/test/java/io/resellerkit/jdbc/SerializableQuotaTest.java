package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.testkit.QuotaRace;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * At SERIALIZABLE, concurrent takers of the last slots get serialization failures; the adapter
 * runs their units again, and the quota still holds exactly with no call failing for it.
 */
class SerializableQuotaTest {

    /** One hot reseller counter, as four JVMs of eight threads made it: with the defaults, no call gives up. */
    @Test
    void thirtyTwoThreadsCreatingUsersInOneResellerAtSerializableWithTheDefaultsNeverGiveUp() throws Exception {
        int threads = 32;
        int each = 10;
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), threads)) {
            JdbcStorage storage = JdbcStorage.builder(ds).writeIsolation(JdbcStorage.Isolation.SERIALIZABLE).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller hot = kit.resellers().create(asVendor, CreateReseller.of("Hot", "hot@hot.example", 100_000, 1));

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger created = new AtomicInteger();
            Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        try {
                            kit.users().create(asVendor, CreateUser.of("H", "Hot", "hot" + thread + "-" + i
                                    + "@hot.example", Role.USER).inReseller(hot.id()));
                            created.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertEquals(0, failures.size(), () -> failures.size() + " calls failed, the first with: " + failures.peek());
            assertEquals(threads * each, created.get());
            String r = hot.id().value();
            assertEquals(threads * each, Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + r + "'"));
            assertEquals(threads * each, Tables.number(ds, "SELECT used FROM rk_usage_counters"
                    + " WHERE kind = 'RESELLER_USERS' AND owner_id = '" + r + "'"));
            assertEquals(threads * each, Tables.number(ds, "SELECT count(*) FROM rk_audit_events"
                    + " WHERE action = 'user.created' AND reseller_id = '" + r + "'"));
        }
    }

    @Test
    void sixteenThreadsAtSerializableFillAQuotaOfFiftyExactly() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 16)) {
            JdbcStorage storage = JdbcStorage.builder(ds).writeIsolation(JdbcStorage.Isolation.SERIALIZABLE)
                    .maxAttempts(20).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller hot = kit.resellers().create(asVendor, CreateReseller.of("Hot", "hot@hot.example", 50, 1));
            QuotaRace race = QuotaRace.run(kit, asVendor, hot.id(), 16, 5, "s");
            int created = race.created();
            int refused = race.refused();
            assertEquals(50, created);
            assertEquals(16 * 5 - 50, refused);
            assertEquals(50, kit.resellers().usage(asVendor, hot.id()).users());
            assertEquals(50, Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + hot.id() + "'"));
        }
    }
}
