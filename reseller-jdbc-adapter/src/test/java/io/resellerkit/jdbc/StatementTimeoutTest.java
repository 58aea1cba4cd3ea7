package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.error.StorageException;
import io.resellerkit.spi.UsageCounter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A statement that waits longer than the statement timeout is cancelled and the call fails promptly. */
class StatementTimeoutTest {

    @Test
    void aCallBlockedOnALockedRowFailsWithATransientStorageExceptionAfterTheStatementTimeout() throws SQLException {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 4)) {
            JdbcStorage storage = JdbcStorage.builder(ds).statementTimeout(Duration.ofSeconds(1)).build();
            UsageCounter counter = new UsageCounter(UsageCounter.Kind.RESELLER_USERS, "r1");
            storage.usageCounters().create(counter, 10);
            storage.usageCounters().tryIncrement(counter);

            try (Connection other = ds.getConnection(); Statement s = other.createStatement()) {
                other.setAutoCommit(false);
                s.executeQuery("SELECT used FROM rk_usage_counters FOR UPDATE").close();
                long start = System.nanoTime();
                StorageException e = assertThrows(StorageException.class,
                        () -> storage.usageCounters().tryIncrement(counter));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(e.isTransient());
                assertEquals("57014", ((SQLException) e.getCause()).getSQLState());
                assertTrue(millis >= 900 && millis < 4_000, "took " + millis + " ms");
                assertTrue(!e.getMessage().contains("UPDATE") && !e.getMessage().contains("r1"), e.getMessage());
                other.rollback();
            }
            assertEquals(2, storage.usageCounters().tryIncrement(counter).orElseThrow().usage());
        }
    }
}
