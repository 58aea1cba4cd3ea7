package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reseller's user quota holds exactly when several JVMs create users at once on one PostgreSQL,
 * also a parent's quota filled from two child resellers.
 */
class QuotaAcrossJvmsTest {

    /**
     * At SERIALIZABLE, 24 writers on one counter row make the database refuse many units; they are
     * run again, and with the default retry budget none gives up.
     */
    @ParameterizedTest
    @EnumSource(value = JdbcStorage.Isolation.class, names = {"READ_COMMITTED", "SERIALIZABLE"})
    void threeJvmsOfEightThreadsFillAQuotaOfTwoHundredExactly(JdbcStorage.Isolation isolation) throws Exception {
        String database = Postgres.newDatabase();
        String url = Postgres.url(Postgres.shared().getPort(), database);
        try (HikariDataSource ds = Postgres.pooled(url, 4)) {
            ResellerKit kit = ResellerKit.builder(JdbcStorage.builder(ds).build()).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            Reseller acme = kit.resellers().create(RequestContext.of(admin.id()),
                    CreateReseller.of("Acme", "ops@acme.example", 200, 10));

            int jvms = 3;
            int threads = 8;
            int attempts = 12; // 288 attempts for 200 slots
            List<ChildJvm> children = new ArrayList<>();
            for (int j = 0; j < jvms; j++) {
                children.add(ChildJvm.start(url, acme.id().value(), admin.id().value(), String.valueOf(threads),
                        String.valueOf(attempts), "jvm" + j, isolation.name()));
            }
            for (ChildJvm c : children) {
                c.awaitReady();
            }
            children.forEach(c -> {
                try {
                    c.go();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long created = 0;
            long refused = 0;
            for (ChildJvm c : children) {
                long[] r = c.result(150);
                assertEquals(0, r[2], () -> "calls failed for other reasons: " + stderrOf(c));
                created += r[0];
                refused += r[1];
            }

            assertEquals(200, created);
            assertEquals(jvms * threads * attempts - 200, refused);
            String r = acme.id().value();
            assertEquals(200, Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + r + "'"));
            assertEquals(200, Tables.number(ds, "SELECT count(*) FROM rk_audit_events WHERE action = 'user.created'"
                    + " AND reseller_id = '" + r + "'"));
            assertEquals(200, Tables.number(ds, "SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS'"
                    + " AND owner_id = '" + r + "'"));
            assertEquals(200, kit.resellers().usage(RequestContext.of(admin.id()), acme.id()).users());
        }
    }

    /**
     * Tiers across JVMs: four JVMs of four threads create users at once, two JVMs in each of two
     * uncapped sibling resellers under a distributor capped at 60. Every create takes its slot in
     * its reseller and in the distributor in one unit; exactly 60 pass, and every tier's counter
     * equals its rows.
     */
    @ParameterizedTest
    @EnumSource(value = JdbcStorage.Isolation.class, names = {"READ_COMMITTED", "SERIALIZABLE"})
    void fourJvmsCreatingInTwoSiblingsFillTheirParentsQuotaExactly(JdbcStorage.Isolation isolation) throws Exception {
        String database = Postgres.newDatabase();
        String url = Postgres.url(Postgres.shared().getPort(), database);
        try (HikariDataSource ds = Postgres.pooled(url, 4)) {
            ResellerKit kit = ResellerKit.builder(JdbcStorage.builder(ds).build()).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller parent = kit.resellers().create(asVendor, CreateReseller.of("Dist", "ops@dist.example", 60, 10));
            Reseller a = kit.resellers().create(asVendor, CreateReseller.of("A", "ops@a.example", -1, -1)
                    .under(parent.id()));
            Reseller b = kit.resellers().create(asVendor, CreateReseller.of("B", "ops@b.example", -1, -1)
                    .under(parent.id()));
            List<ChildJvm> children = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                children.add(ChildJvm.start(url, (j % 2 == 0 ? a : b).id().value(), admin.id().value(), "4", "8",
                        "jvm" + j, isolation.name()));
            }
            for (ChildJvm c : children) {
                c.awaitReady();
            }
            for (ChildJvm c : children) {
                c.go();
            }
            long created = 0;
            for (ChildJvm c : children) {
                long[] r = c.result(150);
                assertEquals(0, r[2], () -> "calls failed for other reasons: " + stderrOf(c));
                created += r[0];
            }
            assertEquals(60, created);
            for (Reseller r : List.of(a, b)) {
                assertEquals(Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + r.id().value() + "'"),
                        Tables.number(ds, "SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS'"
                                + " AND owner_id = '" + r.id().value() + "'"), "a child's counter equals its rows");
            }
            assertEquals(60, Tables.number(ds, "SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS'"
                    + " AND owner_id = '" + parent.id().value() + "'"), "the parent's counter holds its children's use");
            assertEquals(60, Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id IN ('"
                    + a.id().value() + "', '" + b.id().value() + "')"));
        }
    }

    private static String stderrOf(ChildJvm c) {
        try {
            return c.stderr();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
