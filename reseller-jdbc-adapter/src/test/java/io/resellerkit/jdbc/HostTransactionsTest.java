package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.AuditVerification;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With joinHostTransactions the kit's work commits or rolls back with the host's own transaction. */
class HostTransactionsTest {
    private static final HikariDataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 4);
    private static final JdbcStorage INSTALLED = JdbcStorage.builder(DATA_SOURCE).build();

    /** The host's transaction: one connection it opened itself, with auto-commit off. */
    private Connection hostConnection;
    private final AtomicInteger released = new AtomicInteger();
    private ResellerKit kit;

    @BeforeEach
    void openHostTransaction() throws SQLException {
        Tables.deleteAllRows(DATA_SOURCE, INSTALLED.tablePrefix());
        hostConnection = DATA_SOURCE.getConnection();
        hostConnection.setAutoCommit(false);
        JdbcStorage storage = JdbcStorage.builder(DATA_SOURCE).installSchema(false)
                .joinHostTransactions(new HostConnections() {
                    @Override
                    public Connection current() {
                        return hostConnection;
                    }

                    @Override
                    public void release(Connection connection) {
                        released.incrementAndGet();
                    }
                })
                .build();
        kit = ResellerKit.builder(storage).build();
    }

    @AfterAll
    static void closePool() {
        DATA_SOURCE.close();
    }

    @Test
    void whatTheKitWroteIsGoneWhenTheHostRollsBack() throws SQLException {
        kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        assertEquals(0, users()); // not committed yet: other connections do not see it
        hostConnection.rollback();
        hostConnection.close();
        assertEquals(0, users());
    }

    @Test
    void whatTheKitWroteIsKeptWhenTheHostCommitsAndTheAdapterNeverClosedOrCommitted() throws SQLException {
        kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        assertFalse(hostConnection.isClosed());
        assertFalse(hostConnection.getAutoCommit());
        assertEquals(0, users());
        assertEquals(1, released.get());
        hostConnection.commit();
        hostConnection.close();
        assertEquals(1, users());
    }

    @Test
    void aRefusedOrConflictingCallRollsBackToItsSavepointAndTheHostTransactionGoesOn() throws SQLException {
        User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        RequestContext asVendor = RequestContext.of(admin.id());
        Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1));
        kit.users().create(asVendor, CreateUser.of("A", "A", "a@acme.example", Role.USER).inReseller(acme.id()));
        assertThrows(QuotaExceededException.class, () -> kit.users().create(asVendor,
                CreateUser.of("B", "B", "b@acme.example", Role.USER).inReseller(acme.id())));
        // A duplicate fails a PostgreSQL statement; without the savepoint the whole transaction would be lost.
        assertThrows(ConflictException.class, () -> kit.users().create(asVendor,
                CreateUser.of("V", "V", "vera@vendor.example", Role.USER)));
        hostConnection.commit();
        hostConnection.close();

        assertEquals(2, users());
        assertEquals(1, Tables.number(DATA_SOURCE, "SELECT used FROM rk_usage_counters"
                + " WHERE kind = 'RESELLER_USERS' AND owner_id = '" + acme.id() + "'"));
        assertEquals(1, Tables.number(DATA_SOURCE,
                "SELECT count(*) FROM rk_audit_events WHERE action = 'quota.exceeded'"));
    }

    @Test
    void aRefusalAfterAChangeToTheSameResellerInOneHostTransactionIsStoredAtOnceAndBothChainsVerify() throws SQLException {
        User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        RequestContext asVendor = RequestContext.of(admin.id());
        Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 0, 1));
        // The host's transaction now holds the lock on Acme's chain of changes until it commits. The
        // refusal's event is stored at once on a connection of its own: were it in the same chain, it
        // would wait for that lock, for the statement timeout (30 s), and then be lost.
        long start = System.nanoTime();
        assertThrows(QuotaExceededException.class, () -> kit.users().create(asVendor,
                CreateUser.of("B", "B", "b@acme.example", Role.USER).inReseller(acme.id())));
        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(10), "the refusal waited");
        assertEquals(1, Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_audit_events WHERE action = 'quota.exceeded'"));
        hostConnection.commit();
        AuditVerification verified = kit.audit().verify(asVendor, acme.id());
        assertTrue(verified.ok(), () -> "" + verified.firstBreak());
        assertEquals(List.of(1L, 1L, 0L), verified.heads().stream().map(AuditVerification.Head::seq).toList());
    }

    @Test
    void onAConnectionInAutoCommitModeAUnitIsATransactionOfItsOwnAndTheModeIsRestored() throws SQLException {
        hostConnection.setAutoCommit(true);
        kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        assertEquals(1, users()); // committed, though the host never commits
        assertTrue(hostConnection.getAutoCommit());
        assertEquals(1, released.get());
        hostConnection.close();
    }

    private static long users() {
        return Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_users");
    }
}
