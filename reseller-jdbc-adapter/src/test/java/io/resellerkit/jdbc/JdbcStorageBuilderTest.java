package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.error.StorageException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The builder checks every setting at once and detects the database from its product name. */
class JdbcStorageBuilderTest {

    @Test
    void aTablePrefixOutsideLowerCaseLettersDigitsAndUnderscoresIsRefused() {
        JdbcStorage.Builder b = JdbcStorage.builder(H2.newDatabase());
        for (String bad : new String[] {"RK_", "rk-", "rk_; DROP TABLE x; --", "a".repeat(21), "rk.", "r k"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.tablePrefix(bad));
            assertTrue(e.getMessage().contains("tablePrefix"), e.getMessage());
        }
        b.tablePrefix("").tablePrefix("a".repeat(20)).tablePrefix("tenant_7_");
    }

    @Test
    void nonPositiveTimeoutsAndOutOfRangeNumbersAreRefused() {
        JdbcStorage.Builder b = JdbcStorage.builder(H2.newDatabase());
        assertThrows(IllegalArgumentException.class, () -> b.statementTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.statementTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> b.retryFor(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> b.retryFor(null));
        assertThrows(NullPointerException.class, () -> JdbcStorage.builder(null));
    }

    @Test
    void joiningHostTransactionsRefusesTheSettingsThatOnlyTheHostsTransactionDecides() {
        HostConnections host = () -> {
            throw new SQLException("never asked at build time");
        };
        for (Setting s : List.<Setting>of(
                new Setting("writeIsolation", b -> b.writeIsolation(JdbcStorage.Isolation.SERIALIZABLE)),
                new Setting("retryFor", b -> b.retryFor(Duration.ofSeconds(5))),
                new Setting("maxAttempts", b -> b.maxAttempts(3)))) {
            JdbcStorage.Builder b = JdbcStorage.builder(H2.newDatabase()).joinHostTransactions(host);
            s.apply().accept(b);
            IllegalStateException e = assertThrows(IllegalStateException.class, b::build, s.name());
            assertTrue(e.getMessage().contains("joinHostTransactions") && e.getMessage().contains(s.name()),
                    e.getMessage());
        }
    }

    private record Setting(String name, Consumer<JdbcStorage.Builder> apply) {
    }

    @Test
    void theDialectIsReadFromTheDatabase() {
        assertEquals(Dialect.H2, JdbcStorage.builder(H2.newDatabase()).build().dialect());
        assertEquals(Dialect.POSTGRESQL,
                JdbcStorage.builder(Postgres.sharedDataSource(Postgres.newDatabase())).build().dialect());
    }

    @Test
    void anUnreachableDatabaseFailsTheBuildWithAStorageException() {
        StorageException e = assertThrows(StorageException.class,
                () -> JdbcStorage.builder(Postgres.dataSource(1, "nowhere")).build());
        assertTrue(e.isTransient());
    }

    @Test
    void productNamesMapToDialects() {
        assertEquals(Dialect.POSTGRESQL, Dialect.fromProductName("PostgreSQL").orElseThrow());
        assertEquals(Dialect.H2, Dialect.fromProductName("H2").orElseThrow());
        assertTrue(Dialect.fromProductName("MySQL").isEmpty());
    }
}
