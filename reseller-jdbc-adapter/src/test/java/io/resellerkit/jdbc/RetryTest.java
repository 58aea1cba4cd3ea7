package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.error.StorageException;
import io.resellerkit.spi.UnitOfWork;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Units of work refused for concurrent changes run again from their start, within a time budget
 * and, if set, a number of attempts.
 */
class RetryTest {
    private static final JdbcStorage STORAGE = JdbcStorage.builder(H2.newDatabase()).maxAttempts(3).build();
    private final UnitOfWork units = STORAGE.unitOfWork();

    /** Runs {@code work}, failing its first {@code refusals} runs with a serialization failure; returns the runs. */
    private static int refusedThenDone(UnitOfWork units, int refusals) {
        AtomicInteger runs = new AtomicInteger();
        units.write(() -> {
            if (runs.incrementAndGet() <= refusals) {
                throw serializationFailure();
            }
            return "done";
        });
        return runs.get();
    }

    private static StorageException serializationFailure() {
        return (StorageException) SqlErrors.translate(new SQLException("could not serialize", "40001"), "insert user", null);
    }

    @Test
    void aUnitRefusedForASerializationFailureRunsAgainFromItsStart() {
        AtomicInteger runs = new AtomicInteger();
        String result = units.write(() -> {
            if (runs.incrementAndGet() < 3) {
                throw serializationFailure();
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, runs.get());
    }

    @Test
    void aUnitStillRefusedAfterTheLastAttemptFailsWithATransientStorageException() {
        AtomicInteger runs = new AtomicInteger();
        StorageException e = assertThrows(StorageException.class, () -> units.write(() -> {
            runs.incrementAndGet();
            throw serializationFailure();
        }));
        assertEquals(3, runs.get());
        assertTrue(e.isTransient());
        assertEquals("40001", ((SQLException) e.getCause()).getSQLState());
    }

    @Test
    void withTheDefaultsAUnitRefusedEightTimesInARowStillSucceeds() {
        JdbcStorage defaults = JdbcStorage.builder(H2.newDatabase()).build();
        assertEquals(9, refusedThenDone(defaults.unitOfWork(), 8));
    }

    @Test
    void aUnitStillRefusedWhenItsTimeBudgetIsSpentGivesUpWithATransientStorageException() {
        UnitOfWork budgeted = JdbcStorage.builder(H2.newDatabase()).retryFor(Duration.ofMillis(300)).build().unitOfWork();
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        StorageException e = assertThrows(StorageException.class, () -> budgeted.write(() -> {
            runs.incrementAndGet();
            throw serializationFailure();
        }));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 300 && millis < 2_000, millis + " ms");
        assertTrue(runs.get() > 1, runs + " runs");
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("giving up"), e.getMessage());
    }

    @Test
    void aZeroTimeBudgetNeverRunsAUnitAgain() {
        UnitOfWork once = JdbcStorage.builder(H2.newDatabase()).retryFor(Duration.ZERO).build().unitOfWork();
        assertThrows(StorageException.class, () -> refusedThenDone(once, 1));
    }

    @Test
    void otherExceptionsComeOutUnchangedAndAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException thrown = new IllegalArgumentException("the core's own");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> units.write(() -> {
            runs.incrementAndGet();
            throw thrown;
        })));
        assertEquals(1, runs.get());
    }

    @Test
    void aWriteCannotJoinAReadOnlyUnit() {
        assertThrows(IllegalStateException.class, () -> units.read(() -> units.write(() -> "nope")));
    }

    @Test
    void aReadJoinsAnOpenWriteUnit() {
        assertEquals("inner", units.write(() -> units.read(() -> "inner")));
    }
}
