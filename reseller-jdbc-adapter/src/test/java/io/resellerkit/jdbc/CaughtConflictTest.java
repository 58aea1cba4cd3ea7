package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * As in the in-memory adapter, a duplicate insert caught inside a unit leaves the unit usable:
 * on PostgreSQL, where a failed statement would spoil the transaction, too.
 */
class CaughtConflictTest {

    @Test
    void aDuplicateInsertCaughtInsideAUnitLeavesTheUnitUsableOnPostgres() {
        check(Postgres.sharedDataSource(Postgres.newDatabase()));
    }

    @Test
    void aDuplicateInsertCaughtInsideAUnitLeavesTheUnitUsableOnH2() {
        check(H2.newDatabase());
    }

    private static void check(DataSource ds) {
        Storage storage = JdbcStorage.builder(ds).build();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        User first = user("u1", "same@example.com", t);
        storage.unitOfWork().write(() -> {
            storage.users().insert(first);
            ConflictException e = assertThrows(ConflictException.class,
                    () -> storage.users().insert(user("u2", "same@example.com", t)));
            assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
            assertThrows(ConflictException.class, () -> storage.users().insert(user("u1", "other@example.com", t)));
            storage.users().insert(user("u3", "third@example.com", t.plusSeconds(1)));
            return null;
        });
        assertEquals(2, storage.unitOfWork().read(() -> storage.users().find(UserQuery.all(), null, 10)).size());
    }

    private static User user(String id, String email, Instant t) {
        return new User(UserId.of(id), "A", "B", email, Role.USER, null, null, Map.of(), 1, t, t);
    }
}
