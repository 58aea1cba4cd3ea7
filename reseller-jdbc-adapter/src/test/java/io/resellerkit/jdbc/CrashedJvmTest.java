package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM killed in the middle of its units of work leaves no half-done change behind. */
class CrashedJvmTest {

    @Test
    void aJvmKilledMidRunLeavesEveryCounterEqualToItsRowsAndEveryUserWithItsEvent() throws Exception {
        String database = Postgres.newDatabase();
        String url = Postgres.url(Postgres.shared().getPort(), database);
        try (HikariDataSource ds = Postgres.pooled(url, 4)) {
            ResellerKit kit = ResellerKit.builder(JdbcStorage.builder(ds).build()).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 100_000, 10));
            String r = acme.id().value();

            ChildJvm child = ChildJvm.start(url, r, admin.id().value(), "8", "-1", "doomed");
            child.awaitReady();
            child.go();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + r + "'") < 150) {
                assertTrue(System.nanoTime() < deadline, "the child created too few users");
                Thread.sleep(20);
            }
            child.process.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));

            // The server rolls back what the dead client left open; what committed is whole.
            long users = Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + r + "'");
            assertEquals(users, Tables.number(ds, "SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS'"
                    + " AND owner_id = '" + r + "'"));
            assertEquals(0, Tables.number(ds, "SELECT count(*) FROM rk_users u WHERE NOT EXISTS (SELECT 1 FROM"
                    + " rk_audit_events e WHERE e.action = 'user.created' AND e.resource_id = u.id)"));
            assertEquals(users, Tables.number(ds, "SELECT count(*) FROM rk_audit_events WHERE action = 'user.created'"
                    + " AND reseller_id = '" + r + "'"));

            // Nothing is left locked: the survivors carry on at once.
            kit.users().create(asVendor, CreateUser.of("After", "Crash", "after@acme.example", Role.USER).inReseller(acme.id()));
            assertEquals(users + 1, kit.resellers().usage(asVendor, acme.id()).users());
        }
    }
}
