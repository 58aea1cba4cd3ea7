package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * At SERIALIZABLE, concurrent takers of the last slots get serialization failures; the adapter
 * runs their units again, and the quota still holds exactly with no call failing for it.
 */
class SerializableQuotaTest {

    @Test
    void sixteenThreadsAtSerializableFillAQuotaOfFiftyExactly() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 16)) {
            JdbcStorage storage = JdbcStorage.builder(ds).writeIsolation(JdbcStorage.Isolation.SERIALIZABLE)
                    .maxAttempts(20).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller hot = kit.resellers().create(asVendor, CreateReseller.of("Hot", "hot@hot.example", 50, 1));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int created = 0;
                    int refused = 0;
                    for (int i = 0; i < 5; i++) {
                        try {
                            kit.users().create(asVendor, CreateUser.of("S", "S", "s" + thread + "-" + i + "@hot.example",
                                    Role.USER).inReseller(hot.id()));
                            created++;
                        } catch (QuotaExceededException e) {
                            refused++;
                        }
                    }
                    return new int[] {created, refused};
                }));
            }
            int created = 0;
            int refused = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get(120, TimeUnit.SECONDS);
                created += r[0];
                refused += r[1];
            }
            pool.shutdown();
            assertEquals(50, created);
            assertEquals(16 * 5 - 50, refused);
            assertEquals(50, kit.resellers().usage(asVendor, hot.id()).users());
            assertEquals(50, Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + hot.id() + "'"));
        }
    }
}
