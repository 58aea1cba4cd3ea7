package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delete racing changes that would refer to what it deletes, through the public API: in each
 * round one thread deletes an empty reseller, organization or user while fifteen others create
 * users or organizations in it, or allocate or assign licenses to it. Either side may lose (the
 * delete with {@code IN_USE}, a create with {@code NOT_FOUND}); nothing else may happen. After
 * every round no row refers to a missing one, every usage counter equals the rows it counts,
 * and every change that succeeded left exactly one audit event (and no failed one left any).
 * Subclasses run it on one engine at one isolation level.
 */
abstract class DeleteRaces {
    private static final int THREADS = 16;
    private static final int ROUNDS = 30;
    private static final String PREFIX = "rk_";

    private ExecutorService pool;
    private ResellerKit kit;
    private RequestContext asVendor;
    private RequestContext asResellerAdmin;
    private Reseller reseller;
    /** "action resourceId" to how many events the successful calls since the baseline should have left. */
    private final Map<String, Integer> expectedEvents = new ConcurrentHashMap<>();
    private Map<String, Integer> baseline;

    /** The engine's data source; its tables are emptied before each test. */
    abstract DataSource dataSource();

    /** Storage on {@link #dataSource()} at the isolation level under test. */
    abstract JdbcStorage storage();

    @BeforeEach
    void startWithAResellerAndItsAdmin() {
        Tables.deleteAllRows(dataSource(), PREFIX);
        kit = ResellerKit.builder(storage()).build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        asVendor = RequestContext.of(vendor.id());
        reseller = kit.resellers().create(asVendor, CreateReseller.of("Main", "main@reseller.example", -1, -1));
        User admin = kit.users().create(asVendor, CreateUser.of("Rita", "Reseller", "rita@reseller.example",
                Role.RESELLER_ADMIN).inReseller(reseller.id()));
        asResellerAdmin = RequestContext.of(admin.id());
        pool = Executors.newFixedThreadPool(THREADS);
        baseline = auditEvents();
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void deletingAnOrganizationRacesCreatingUsersInIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Organization o = kit.organizations().create(asResellerAdmin,
                    CreateOrganization.of("Org " + round, "org@race.example", -1, reseller.id()));
            expect(AuditAction.ORGANIZATION_CREATED, o.id());
            String tag = "o" + round + "-";
            race("organization " + o.id(), () -> {
                kit.organizations().delete(asResellerAdmin, o.id());
                expect(AuditAction.ORGANIZATION_DELETED, o.id());
            }, t -> {
                User u = kit.users().create(asResellerAdmin, CreateUser.of("U", "U", tag + t + "@race.example",
                        Role.USER).inOrganization(o.id()));
                expect(AuditAction.USER_CREATED, u.id());
            });
        }
    }

    @Test
    void deletingAResellerRacesCreatingUsersInIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Reseller r = newReseller(round);
            String tag = "r" + round + "-";
            race("reseller " + r.id(), () -> deleteReseller(r), t -> {
                User u = kit.users().create(asVendor, CreateUser.of("U", "U", tag + t + "@race.example", Role.USER)
                        .inReseller(r.id()));
                expect(AuditAction.USER_CREATED, u.id());
            });
        }
    }

    @Test
    void deletingAResellerRacesCreatingOrganizationsInIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Reseller r = newReseller(round);
            race("reseller " + r.id(), () -> deleteReseller(r), t -> {
                Organization o = kit.organizations().create(asVendor,
                        CreateOrganization.of("Org " + t, "org@race.example", -1, r.id()));
                expect(AuditAction.ORGANIZATION_CREATED, o.id());
            });
        }
    }

    @Test
    void deletingAResellerRacesAllocatingLicensesToIt() throws Exception {
        List<License> licenses = newLicenses(null);
        for (int round = 0; round < ROUNDS; round++) {
            Reseller r = newReseller(round);
            race("reseller " + r.id(), () -> deleteReseller(r), t -> {
                kit.licenses().allocate(asVendor, licenses.get(t - 1).id(), r.id());
                expect(AuditAction.LICENSE_ALLOCATED, licenses.get(t - 1).id());
            });
            for (License l : licenses) { // take back what the round allocated, for the next one
                if (r.id().equals(kit.licenses().get(asVendor, l.id()).resellerId())) {
                    kit.licenses().allocate(asVendor, l.id(), null);
                    expect(AuditAction.LICENSE_ALLOCATED, l.id());
                }
            }
        }
    }

    @Test
    void deletingAUserRacesAssigningLicensesToIt() throws Exception {
        List<License> licenses = newLicenses(reseller);
        for (int round = 0; round < ROUNDS; round++) {
            User u = kit.users().create(asResellerAdmin, CreateUser.of("U", "U", "assignee" + round + "@race.example",
                    Role.USER).inReseller(reseller.id()));
            expect(AuditAction.USER_CREATED, u.id());
            race("user " + u.id(), () -> {
                kit.users().delete(asResellerAdmin, u.id());
                expect(AuditAction.USER_DELETED, u.id());
            }, t -> {
                kit.licenses().assignToUser(asResellerAdmin, licenses.get(t - 1).id(), u.id());
                expect(AuditAction.LICENSE_ASSIGNED, licenses.get(t - 1).id());
            });
        }
    }

    @Test
    void deletingAnOrganizationRacesAssigningLicensesToIt() throws Exception {
        List<License> licenses = newLicenses(reseller);
        for (int round = 0; round < ROUNDS; round++) {
            Organization o = kit.organizations().create(asResellerAdmin,
                    CreateOrganization.of("Org " + round, "org@race.example", -1, reseller.id()));
            expect(AuditAction.ORGANIZATION_CREATED, o.id());
            race("organization " + o.id(), () -> {
                kit.organizations().delete(asResellerAdmin, o.id());
                expect(AuditAction.ORGANIZATION_DELETED, o.id());
            }, t -> {
                kit.licenses().assignToOrganization(asResellerAdmin, licenses.get(t - 1).id(), o.id());
                expect(AuditAction.LICENSE_ASSIGNED, licenses.get(t - 1).id());
            });
        }
    }

    /** Work a racing thread does; its number is 1 to 15. */
    @FunctionalInterface
    private interface Child {
        void run(int thread) throws Exception;
    }

    /** What the delete thread does. */
    @FunctionalInterface
    private interface Delete {
        void run() throws Exception;
    }

    /**
     * Releases the delete and fifteen children at once, then checks the outcome and the tables.
     * A refused delete must be {@code IN_USE}, a refused child {@code NOT_FOUND}.
     */
    private void race(String parent, Delete delete, Child child) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger childrenDone = new AtomicInteger();
        List<Future<Boolean>> results = new ArrayList<>();
        results.add(pool.submit(() -> {
            start.await();
            try {
                delete.run();
                return true;
            } catch (ConflictException e) {
                assertEquals(ConflictException.Kind.IN_USE, e.kind(), e::getMessage);
                return false;
            }
        }));
        for (int t = 1; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    child.run(thread);
                    childrenDone.incrementAndGet();
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        boolean deleted = results.get(0).get(60, TimeUnit.SECONDS);
        for (Future<Boolean> f : results) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertFalse(deleted && childrenDone.get() > 0,
                () -> parent + " was deleted and " + childrenDone.get() + " changes referring to it succeeded");
        assertNoRowRefersToAMissingOne(parent);
        assertCountersEqualRows(parent);
        assertOneEventPerChange(parent);
    }

    private Reseller newReseller(int round) {
        Reseller r = kit.resellers().create(asVendor,
                CreateReseller.of("Reseller " + round, "r@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, r.id());
        return r;
    }

    private void deleteReseller(Reseller r) {
        kit.resellers().delete(asVendor, r.id());
        expect(AuditAction.RESELLER_DELETED, r.id());
    }

    /** One license per racing thread, allocated to {@code owner} if given. */
    private List<License> newLicenses(Reseller owner) {
        List<License> licenses = new ArrayList<>();
        for (int t = 1; t < THREADS; t++) {
            License l = kit.licenses().create(asVendor, CreateLicense.of("pro", 1, null,
                    owner == null ? null : owner.id()));
            expect(AuditAction.LICENSE_CREATED, l.id());
            licenses.add(l);
        }
        return licenses;
    }

    private void expect(AuditAction action, Object resourceId) {
        expectedEvents.merge(action + " " + resourceId, 1, Integer::sum);
    }

    private void assertNoRowRefersToAMissingOne(String round) {
        String t = PREFIX;
        long orphans = Tables.number(dataSource(), "SELECT"
                + " (SELECT count(*) FROM " + t + "users u WHERE (u.reseller_id IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "resellers r WHERE r.id = u.reseller_id))"
                + "   OR (u.organization_id IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "organizations o WHERE o.id = u.organization_id)))"
                + " + (SELECT count(*) FROM " + t + "organizations o WHERE o.reseller_id IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "resellers r WHERE r.id = o.reseller_id))"
                + " + (SELECT count(*) FROM " + t + "licenses l WHERE (l.reseller_id IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "resellers r WHERE r.id = l.reseller_id))"
                + "   OR (l.assigned_user IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "users u WHERE u.id = l.assigned_user))"
                + "   OR (l.assigned_organization IS NOT NULL AND NOT EXISTS"
                + "   (SELECT 1 FROM " + t + "organizations o WHERE o.id = l.assigned_organization)))");
        assertEquals(0, orphans, () -> "rows referring to a missing one after the race on " + round);
    }

    /** Every counter equals the live rows it counts; a counter of 0 and a missing one are alike. */
    private void assertCountersEqualRows(String round) {
        String t = PREFIX;
        Map<String, Integer> rows = new HashMap<>();
        rows.putAll(counts("SELECT 'ADMINS', 'vendor', count(*) FROM " + t + "users WHERE role = '"
                + Role.ADMIN.code() + "'"));
        rows.putAll(counts("SELECT 'RESELLER_USERS', reseller_id, count(*) FROM " + t + "users"
                + " WHERE reseller_id IS NOT NULL AND role <> '" + Role.RESELLER_ADMIN.code() + "' GROUP BY reseller_id"));
        rows.putAll(counts("SELECT 'RESELLER_ORGANIZATIONS', reseller_id, count(*) FROM " + t + "organizations"
                + " WHERE reseller_id IS NOT NULL GROUP BY reseller_id"));
        rows.putAll(counts("SELECT 'ORGANIZATION_USERS', organization_id, count(*) FROM " + t + "users"
                + " WHERE organization_id IS NOT NULL GROUP BY organization_id"));
        Map<String, Integer> counters = counts("SELECT kind, owner_id, used FROM " + t + "usage_counters WHERE used <> 0");
        assertEquals(rows, counters, () -> "usage counters against rows after the race on " + round);
    }

    private void assertOneEventPerChange(String round) {
        Map<String, Integer> added = new HashMap<>(auditEvents());
        baseline.forEach((key, n) -> added.merge(key, -n, Integer::sum));
        added.values().removeIf(n -> n == 0);
        assertEquals(Map.copyOf(expectedEvents), added, () -> "audit events after the race on " + round);
    }

    private Map<String, Integer> auditEvents() {
        return counts("SELECT action, resource_id, count(*) FROM " + PREFIX + "audit_events GROUP BY action, resource_id");
    }

    /** Rows of (a, b, number) as "a b" to number. */
    private Map<String, Integer> counts(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1) + " " + rs.getString(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
