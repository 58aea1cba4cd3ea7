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
