package io.resellerkit.jdbc;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.error.StorageException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Translates {@link SQLException}s into ResellerKit's exceptions by SQLState class, never by
 * message text. Messages name the operation and the SQLState, never SQL or values; the driver's
 * exception stays available as the cause.
 */
final class SqlErrors {
    /** Serialization failure, deadlock, and H2's concurrent update: the whole unit may be tried again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "90131");

    private SqlErrors() {
    }

    /**
     * The exception for {@code e}.
     *
     * @param operation        what was being done, such as {@code insert user}
     * @param duplicateMessage the message for a unique violation, such as {@code user id or email is taken}
     */
    static ResellerKitException translate(SQLException e, String operation, String duplicateMessage) {
        String state = state(e);
        String cls = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        String suffix = " (SQLState " + state + ")";
        if (isRetryableState(state)) {
            return new StorageException(operation + " failed: concurrent changes conflicted" + suffix, e, true);
        }
        return switch (cls) {
            case "23" -> switch (state) {
                case "23505" -> new ConflictException(ConflictException.Kind.DUPLICATE,
                        duplicateMessage != null ? duplicateMessage : operation + " failed: a unique value is taken", e);
                case "23503" -> new ConflictException(ConflictException.Kind.IN_USE,
                        operation + " failed: other rows still refer to it", e);
                default -> new ConflictException(ConflictException.Kind.INVALID_STATE,
                        operation + " failed: a constraint of the schema refused it" + suffix, e);
            };
            case "08" -> new StorageException(operation + " failed: the connection to the database failed" + suffix, e, true);
            case "57" -> new StorageException(state.equals("57014")
                    ? operation + " failed: the statement timed out or was cancelled" + suffix
                    : operation + " failed: the database is shutting down or unavailable" + suffix, e, true);
            case "53" -> new StorageException(operation + " failed: the database is out of resources" + suffix, e, true);
            case "HY" -> new StorageException(state.equals("HYT00") || state.equals("HYT01")
                    ? operation + " failed: the statement or a lock wait timed out" + suffix
                    : operation + " failed" + suffix, e, state.startsWith("HYT"));
            case "40" -> new StorageException(operation + " failed: the transaction was rolled back" + suffix, e, true);
            // A pool that timed out waiting for a connection says so by type, with no SQLState.
            default -> new StorageException(operation + " failed" + suffix, e, e instanceof SQLTransientException);
        };
    }

    /**
     * True if {@code e} says a row that a written row refers to is missing: {@code 23503} on
     * PostgreSQL, {@code 23506} on H2 (which keeps {@code 23503} for a delete of a row still referred to).
     */
    static boolean isMissingReference(SQLException e) {
        String state = state(e);
        return "23503".equals(state) || "23506".equals(state);
    }

    /** True if the unit of work that threw {@code e} may be run again from its start. */
    static boolean isRetryable(Throwable e) {
        return e instanceof StorageException s && s.isTransient() && s.getCause() instanceof SQLException q
                && isRetryableState(state(q));
    }

    private static boolean isRetryableState(String state) {
        return state != null && RETRYABLE.contains(state);
    }

    /**
     * Runs an INSERT that ends in {@link Dialect#insertUnlessTaken()}: true if it inserted its row,
     * false if the key was taken. PostgreSQL inserts nothing; H2, which has no ON CONFLICT, fails
     * the statement with a unique violation and undoes only that statement.
     */
    static boolean insertUnlessTaken(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!"23505".equals(state(e))) {
                throw e;
            }
            return false;
        }
    }

    /** The first SQLState in the exception's chain. */
    static String state(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
            if (s.getCause() instanceof SQLException c && c.getSQLState() != null) {
                return c.getSQLState();
            }
        }
        return null;
    }
}
