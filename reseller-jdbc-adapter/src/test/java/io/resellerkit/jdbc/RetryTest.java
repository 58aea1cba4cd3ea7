package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.error.StorageException;
import io.resellerkit.spi.UnitOfWork;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Units of work refused for concurrent changes run again from their start, a bounded number of times. */
class RetryTest {
    private static final JdbcStorage STORAGE = JdbcStorage.builder(H2.newDatabase()).maxAttempts(3).build();
    private final UnitOfWork units = STORAGE.unitOfWork();

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
