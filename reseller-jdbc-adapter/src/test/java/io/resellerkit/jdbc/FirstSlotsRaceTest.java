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
 * The first slots of a counter that does not exist yet, taken by many threads at once at read
 * committed: a unit whose first UPDATE ran before another unit's new counter row committed must
 * take its slot, not report the cap as reached.
 */
class FirstSlotsRaceTest {

    @Test
    void sixteenThreadsTakingTheFirstSlotsOfAFreshResellerAreNeverRefusedBelowTheCap() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 16)) {
            JdbcStorage storage = JdbcStorage.builder(ds).writeIsolation(JdbcStorage.Isolation.READ_COMMITTED).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            for (int round = 0; round < 30; round++) {
                Reseller fresh = kit.resellers().create(asVendor,
                        CreateReseller.of("Fresh " + round, "fresh@fresh.example", 100, 1));
                QuotaRace race = QuotaRace.run(kit, asVendor, fresh.id(), 16, 1, "f" + round + "-");
                assertEquals(0, race.refused(), "refused below the cap of 100 in round " + round);
                assertEquals(16, kit.resellers().usage(asVendor, fresh.id()).users());
            }
        }
    }
}
