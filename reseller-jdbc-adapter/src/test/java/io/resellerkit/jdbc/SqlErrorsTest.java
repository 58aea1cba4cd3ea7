package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.error.StorageException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** SQL errors become ResellerKit's exceptions by SQLState alone, with messages that leak nothing. */
class SqlErrorsTest {
    private static final String LEAKY = "duplicate key value violates unique constraint: (email)=(secret@victim.example)"
            + " in INSERT INTO rk_users VALUES ...";

    private static ResellerKitException translate(String state) {
        return SqlErrors.translate(new SQLException(LEAKY, state), "insert user", "user id or email is taken");
    }

    @Test
    void uniqueViolationIsADuplicateConflict() {
        ConflictException e = assertInstanceOf(ConflictException.class, translate("23505"));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
        assertEquals("user id or email is taken", e.getMessage());
    }

    @Test
    void foreignKeyViolationIsAnInUseConflict() {
        assertEquals(ConflictException.Kind.IN_USE, ((ConflictException) translate("23503")).kind());
    }

    @Test
    void aMissingReferenceIsTheForeignKeyStateOfEitherDatabase() {
        assertTrue(SqlErrors.isMissingReference(new SQLException(LEAKY, "23503"))); // PostgreSQL
        assertTrue(SqlErrors.isMissingReference(new SQLException(LEAKY, "23506"))); // H2
        assertFalse(SqlErrors.isMissingReference(new SQLException(LEAKY, "23505")));
    }

    @Test
    void otherConstraintViolationsAreInvalidStateConflicts() {
        assertEquals(ConflictException.Kind.INVALID_STATE, ((ConflictException) translate("23514")).kind());
    }

    @Test
    void serializationFailuresAndDeadlocksAreTransientAndRetryable() {
        for (String state : new String[] {"40001", "40P01"}) {
            StorageException e = assertInstanceOf(StorageException.class, translate(state));
            assertTrue(e.isTransient());
            assertTrue(SqlErrors.isRetryable(e));
        }
    }

    @Test
    void connectionFailuresTimeoutsAndShutdownsAreTransientButNotRetried() {
        for (String state : new String[] {"08001", "08006", "57014", "57P01", "HYT00"}) {
            StorageException e = assertInstanceOf(StorageException.class, translate(state));
            assertTrue(e.isTransient(), state);
            assertFalse(SqlErrors.isRetryable(e), state);
        }
    }

    @Test
    void aPoolTimeoutWithoutSqlStateIsTransientButNotRetried() {
        // HikariCP's "connection is not available" carries no SQLState, only its type.
        StorageException e = assertInstanceOf(StorageException.class, SqlErrors.translate(
                new java.sql.SQLTransientConnectionException("pool exhausted"), "open a connection to write", null));
        assertTrue(e.isTransient());
        assertFalse(SqlErrors.isRetryable(e));
    }

    @Test
    void anythingElseIsAPermanentStorageExceptionWithTheDriversExceptionAsCause() {
        SQLException cause = new SQLException(LEAKY, "42P01");
        StorageException e = assertInstanceOf(StorageException.class, SqlErrors.translate(cause, "read user", null));
        assertFalse(e.isTransient());
        assertSame(cause, e.getCause());
    }

    @Test
    void messagesCarryNeitherSqlNorValues() {
        for (String state : new String[] {"23505", "23503", "23514", "40001", "08006", "57014", "42P01", null}) {
            String message = translate(state).getMessage();
            assertFalse(message.contains("secret") || message.contains("INSERT") || message.contains("rk_users"),
                    message);
        }
    }
}
