package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.ErrorCode;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Host mode under Spring's own transaction manager, on PostgreSQL at read committed: whatever the
 * host's transaction does (rolls back, is read-only, is absent, nests), a refused caller gets its
 * refusal and the refusal's event stays in the trail.
 */
class SpringHostTransactionsTest {
    private static final String DATABASE = Postgres.newDatabase();
    private static final HikariDataSource DATA_SOURCE = Postgres.pooledDatabase(DATABASE, 4);
    private static final JdbcStorage STANDALONE = JdbcStorage.builder(DATA_SOURCE).build();

    private final DataSourceTransactionManager manager = new DataSourceTransactionManager(DATA_SOURCE);
    private final ResellerKit kit = hostModeKit(DATA_SOURCE);
    private RequestContext asVendor;
    private RequestContext asUser;
    private Reseller acme;

    @BeforeEach
    void vendorResellerAndAPlainUser() {
        Tables.deleteAllRows(DATA_SOURCE, STANDALONE.tablePrefix());
        ResellerKit setup = ResellerKit.builder(STANDALONE).build();
        User vendor = setup.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        asVendor = RequestContext.of(vendor.id());
        acme = setup.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1));
        User plain = setup.users().create(asVendor, CreateUser.of("Pat", "Plain", "pat@plain.example", Role.USER));
        asUser = RequestContext.of(plain.id());
    }

    @AfterEach
    void noConnectionIsLeftCheckedOut() {
        assertEquals(0, DATA_SOURCE.getHikariPoolMXBean().getActiveConnections());
    }

    @AfterAll
    static void closePool() {
        DATA_SOURCE.close();
    }

    @Test
    void aRefusalEventSurvivesTheRollbackOfTheHostsReadWriteTransaction() {
        ErrorCode[] refused = new ErrorCode[1];
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            kit.users().create(asVendor, CreateUser.of("Ann", "Acme", "ann@acme.example", Role.USER));
            refused[0] = codeOf(() -> kit.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1)));
            status.setRollbackOnly();
        });

        assertEquals(ErrorCode.ACCESS_DENIED, refused[0]);
        assertEquals(1, events("access.denied"));
        assertEquals(0, Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_users WHERE email = 'ann@acme.example'"));
    }

    @Test
    void aQuotaRefusalEventSurvivesTheRollbackOfTheHostsTransaction() {
        ErrorCode[] refused = new ErrorCode[1];
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            kit.users().create(asVendor, CreateUser.of("A", "A", "a@acme.example", Role.USER).inReseller(acme.id()));
            refused[0] = codeOf(() -> kit.users().create(asVendor,
                    CreateUser.of("B", "B", "b@acme.example", Role.USER).inReseller(acme.id())));
            status.setRollbackOnly();
        });

        assertEquals(ErrorCode.QUOTA_EXCEEDED, refused[0]);
        assertEquals(1, events("quota.exceeded"));
        assertEquals(0, Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_users WHERE reseller_id = '"
                + acme.id() + "'"));
        assertEquals(0, Tables.number(DATA_SOURCE, "SELECT coalesce(sum(used), 0) FROM rk_usage_counters"
                + " WHERE kind = 'RESELLER_USERS' AND owner_id = '" + acme.id() + "'"));
    }

    @Test
    void aRefusedCallInAReadOnlyHostTransactionGetsItsRefusalAndTheEventIsStored() {
        manager.setEnforceReadOnly(true); // SET TRANSACTION READ ONLY: the database itself refuses writes
        TransactionTemplate readOnly = new TransactionTemplate(manager);
        readOnly.setReadOnly(true);
        ErrorCode[] refused = new ErrorCode[2];
        readOnly.executeWithoutResult(status -> {
            assertEquals("Acme", kit.resellers().get(asVendor, acme.id()).name());
            refused[0] = codeOf(() -> kit.resellers().get(asUser, acme.id()));
            refused[1] = codeOf(() -> kit.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1)));
        });

        assertEquals(ErrorCode.ACCESS_DENIED, refused[0]);
        assertEquals(ErrorCode.ACCESS_DENIED, refused[1]);
        assertEquals(2, events("access.denied"));
    }

    @Test
    void aReadUnderAnAccessGrantInAReadOnlyHostTransactionIsRecordedAndItsEventSurvivesTheRollback() {
        Organization org = kit.organizations().create(asVendor, CreateOrganization.of("Org", "it@org.example", 5,
                acme.id()));
        kit.access().grant(asVendor, GrantAccess.of(org.id(), asUser.actorId(), Set.of(AccessPermission.ORGANIZATION_READ),
                Instant.now().plus(Duration.ofDays(1))));
        manager.setEnforceReadOnly(true);
        TransactionTemplate readOnly = new TransactionTemplate(manager);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> {
            assertEquals("Org", kit.organizations().get(asUser, org.id()).name());
            status.setRollbackOnly();
        });

        assertEquals(1, events("access.used"));
    }

    @Test
    void aReadUnderAnAccessGrantAfterAChangeToTheSameResellerInOneHostTransactionDoesNotWaitForItself() {
        Organization org = kit.organizations().create(asVendor, CreateOrganization.of("Org", "it@org.example", 5,
                acme.id()));
        kit.access().grant(asVendor, GrantAccess.of(org.id(), asUser.actorId(), Set.of(AccessPermission.ORGANIZATION_READ),
                Instant.now().plus(Duration.ofDays(1))));
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            // The change's event holds Acme's chain of changes until the host commits; the read's
            // event, written in a unit of its own, must go elsewhere or wait for it forever.
            kit.organizations().update(asVendor, org.id(), UpdateOrganization.changes().withName("Renamed"));
            assertTimeout(Duration.ofSeconds(10),
                    () -> assertEquals("Renamed", kit.organizations().get(asUser, org.id()).name()));
        });

        assertEquals(1, events("access.used"));
        assertEquals(1, events("organization.updated"));
        assertTrue(kit.audit().verify(asVendor, acme.id()).ok());
    }

    @Test
    void withoutAHostTransactionEachCallIsATransactionOfItsOwn() {
        // Outside @Transactional, DataSourceUtils hands out a fresh connection in auto-commit mode.
        kit.users().create(asVendor, CreateUser.of("Ann", "Acme", "ann@acme.example", Role.USER).inReseller(acme.id()));
        assertEquals(1, Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_users WHERE email = 'ann@acme.example'"));
        assertEquals(1, Tables.number(DATA_SOURCE, "SELECT used FROM rk_usage_counters WHERE kind = 'RESELLER_USERS'"
                + " AND owner_id = '" + acme.id() + "'"));

        assertEquals(ErrorCode.ACCESS_DENIED, codeOf(() -> kit.resellers().get(asUser, acme.id())));
        assertEquals(ErrorCode.QUOTA_EXCEEDED, codeOf(() -> kit.users().create(asVendor,
                CreateUser.of("Bo", "Acme", "bo@acme.example", Role.USER).inReseller(acme.id()))));
        assertEquals(1, events("access.denied"));
        assertEquals(1, events("quota.exceeded"));
    }

    @Test
    void aRefusalInANestedHostTransactionKeepsItsEventAndTheOuterTransactionGoesOn() {
        TransactionTemplate nested = new TransactionTemplate(manager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        ErrorCode[] refused = new ErrorCode[1];
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            kit.users().create(asVendor, CreateUser.of("Ann", "Acme", "ann@acme.example", Role.USER));
            // The refusal leaves the nested transaction, which Spring rolls back to its savepoint.
            refused[0] = codeOf(() -> nested.executeWithoutResult(inner ->
                    kit.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1))));
            kit.users().create(asVendor, CreateUser.of("Bo", "Acme", "bo@acme.example", Role.USER));
        });

        assertEquals(ErrorCode.ACCESS_DENIED, refused[0]);
        assertEquals(1, events("access.denied"));
        assertEquals(2, Tables.number(DATA_SOURCE,
                "SELECT count(*) FROM rk_users WHERE email IN ('ann@acme.example', 'bo@acme.example')"));
    }

    @Test
    void aRefusalWhoseEventCannotBeStoredStillReachesTheCallerWithTheFailureAttached() {
        HikariDataSource adaptersOwn = Postgres.pooledDatabase(DATABASE, 1);
        ResellerKit kitWithoutSpare = hostModeKit(adaptersOwn);
        adaptersOwn.close(); // the adapter can get no connection of its own for the event
        ResellerKitException[] refused = new ResellerKitException[1];
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            try {
                kitWithoutSpare.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1));
            } catch (ResellerKitException e) {
                refused[0] = e;
            }
        });

        assertEquals(ErrorCode.ACCESS_DENIED, refused[0].code());
        assertEquals(ErrorCode.STORAGE_ERROR, ((ResellerKitException) refused[0].getSuppressed()[0]).code());
        assertEquals(0, events("access.denied"));
    }

    /** The kit as a Spring host wires it: every unit on the connection of the host's transaction. */
    private static ResellerKit hostModeKit(DataSource buildersDataSource) {
        return ResellerKit.builder(JdbcStorage.builder(buildersDataSource)
                .joinHostTransactions(new HostConnections() {
                    @Override
                    public Connection current() {
                        return DataSourceUtils.getConnection(DATA_SOURCE);
                    }

                    @Override
                    public void release(Connection connection) {
                        DataSourceUtils.releaseConnection(connection, DATA_SOURCE);
                    }
                })
                .build()).build();
    }

    /** The code of the ResellerKit error the call throws; fails on any other exception. */
    private static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
        } catch (ResellerKitException e) {
            return e.code();
        }
        return fail("the call was expected to be refused");
    }

    private static long events(String action) {
        return Tables.number(DATA_SOURCE, "SELECT count(*) FROM rk_audit_events WHERE action = '" + action + "'");
    }
}
