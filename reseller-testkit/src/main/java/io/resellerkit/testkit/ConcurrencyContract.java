package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.AuditVerification;
import java.time.Duration;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounter.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every check-then-act pair of the core, raced by 16 threads through the public API, round after
 * round: a cap lowered while creates run, the first slots of new counters, the last admin, the
 * first admin, and deletes racing the creates and assignments that would refer to what they
 * delete. Each race allows several winners, but only outcomes some serial order could give.
 *
 * <p>After every round, read through the storage ports ({@link Snapshot}): no row refers to a
 * missing one; every usage counter equals the rows it counts (the vendor's admins included);
 * no count is above its cap, unless it already was when the cap was lowered; at least one admin
 * is left; and every change that succeeded left exactly one audit event, every refusal its one
 * {@code quota.exceeded} or {@code access.denied} event, and nothing else left any.
 *
 * <p>"When the cap was lowered" is exact: the storage is wrapped so that the unit that changes a
 * cap reads the count right after changing it, under the counter's row lock ({@link CapProbe}).
 */
public abstract class ConcurrencyContract {
    private static final int THREADS = 16;
    /** The callers racing with one idempotency key. */
    private static final int KEYED_THREADS = 32;
    private static final int ROUNDS = 20;
    private static final int LOWERED_CAP = 5;
    private static final Set<AuditAction> REFUSALS = Set.of(AuditAction.ACCESS_DENIED, AuditAction.QUOTA_EXCEEDED);

    /** A storage with nothing in it; called before every test, and before every round of the bootstrap race. */
    protected abstract Storage emptyStorage();

    private final Random random = new Random();
    private final Map<String, Integer> expectedEvents = new ConcurrentHashMap<>();
    private Map<String, Integer> baseline;
    private CapProbe storage;
    private ExecutorService pool;
    private final AtomicInteger serial = new AtomicInteger();
    private ResellerKit kit;
    private RequestContext asVendor;
    private Reseller main;
    private RequestContext asResellerAdmin;

    @BeforeEach
    void startWithTheVendorAndAResellerWithItsAdmin() {
        pool = Executors.newFixedThreadPool(KEYED_THREADS);
        storage = new CapProbe(emptyStorage());
        kit = ResellerKit.builder(storage).build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        asVendor = RequestContext.of(vendor.id());
        main = kit.resellers().create(asVendor, CreateReseller.of("Main", "main@reseller.example", -1, -1));
        User admin = kit.users().create(asVendor, CreateUser.of("Rita", "Reseller", "rita@reseller.example",
                Role.RESELLER_ADMIN).inReseller(main.id()));
        asResellerAdmin = RequestContext.of(admin.id());
        baseline = eventCounts(Snapshot.of(storage));
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    // ---- caps lowered while creates run ----

    @Test
    void aResellerCapLoweredWhileUsersAreCreatedIsNeverOverrun() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Lowered " + round, "r@race.example", 100, -1));
            expect(AuditAction.RESELLER_CREATED, r.id());
            String tag = "r" + round + "-";
            raceCapLowering("the users cap of reseller " + round, new UsageCounter(Kind.RESELLER_USERS, r.id().value()),
                    asVendor,
                    () -> {
                        kit.resellers().changeQuotas(asVendor, r.id(), new ChangeQuotas(LOWERED_CAP, null, null));
                        expect(AuditAction.RESELLER_QUOTA_UPDATED, r.id());
                    },
                    (t, i) -> CreateUser.of("U", "U", tag + t + "-" + i + "@race.example", Role.USER).inReseller(r.id()));
        }
    }

    @Test
    void anOrganizationCapLoweredWhileUsersAreCreatedInItIsNeverOverrun() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Organization o = kit.organizations().create(asResellerAdmin,
                    CreateOrganization.of("Lowered " + round, "org@race.example", 100, main.id()));
            expect(AuditAction.ORGANIZATION_CREATED, o.id());
            String tag = "o" + round + "-";
            raceCapLowering("the users cap of organization " + round,
                    new UsageCounter(Kind.ORGANIZATION_USERS, o.id().value()), asResellerAdmin,
                    () -> {
                        kit.organizations().update(asResellerAdmin, o.id(),
                                UpdateOrganization.changes().withAllowedUsers(LOWERED_CAP));
                        expect(AuditAction.ORGANIZATION_UPDATED, o.id());
                    },
                    (t, i) -> CreateUser.of("U", "U", tag + t + "-" + i + "@race.example", Role.USER)
                            .inOrganization(o.id()));
        }
    }

    /** The create a racing thread makes on its {@code i}-th attempt. */
    @FunctionalInterface
    private interface NewUser {
        CreateUser of(int thread, int attempt);
    }

    /**
     * Fifteen threads make three creates each against a cap of 100, while the sixteenth lowers the
     * cap to 5 once a random number (0 to 15) of them succeeded. The count may end above 5 only
     * by the slots taken before the lowering committed.
     */
    private void raceCapLowering(String what, UsageCounter counter, RequestContext creator, Task lower, NewUser create)
            throws Exception {
        int lowerAfter = random.nextInt(THREADS);
        AtomicInteger created = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        tasks.add(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (created.get() < lowerAfter && System.nanoTime() < deadline) {
                Thread.yield();
            }
            lower.run();
        });
        for (int t = 1; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 3; i++) {
                    try {
                        User u = kit.users().create(creator, create.of(thread, i));
                        expect(AuditAction.USER_CREATED, u.id());
                        created.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                    }
                }
            });
        }
        race(tasks);
        Snapshot s = checkRound(what);
        long count = count(s, counter);
        long atLowering = storage.usageAtCapChange(counter);
        assertEquals(created.get(), count, () -> what + ": every create that returned is counted, and no other");
        assertTrue(count <= Math.max(LOWERED_CAP, atLowering), () -> what + " was lowered to " + LOWERED_CAP + " at "
                + atLowering + " users, yet " + count + " exist: creates passed the cap after it was lowered");
    }

    // ---- the first slots of new counters ----

    @Test
    void theFirstCreatesInANewResellerAndOrganizationAreNeverRefusedBelowTheCap() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Fresh " + round, "f@race.example", 1000, 1000));
            expect(AuditAction.RESELLER_CREATED, r.id());
            String tag = "f" + round + "-";
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    // Half the threads race for the reseller's first users, half for its first organizations.
                    if (thread % 2 == 0) {
                        User u = kit.users().create(asVendor, CreateUser.of("U", "U", tag + thread + "@race.example",
                                Role.USER).inReseller(r.id()));
                        expect(AuditAction.USER_CREATED, u.id());
                    } else {
                        Organization o = kit.organizations().create(asVendor,
                                CreateOrganization.of("Org " + thread, "org@race.example", 1000, r.id()));
                        expect(AuditAction.ORGANIZATION_CREATED, o.id());
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("fresh reseller " + round);
            assertEquals(THREADS / 2, count(s, new UsageCounter(Kind.RESELLER_USERS, r.id().value())));
            assertEquals(THREADS / 2, count(s, new UsageCounter(Kind.RESELLER_ORGANIZATIONS, r.id().value())));
        }
    }

    // ---- tiers ----

    /** A parent's users cap in the tier races: tight, so most creates are refused at the parent. */
    private static final int PARENT_CAP = 6;

    /**
     * Sixteen threads create users at once, alternately in two uncapped sibling resellers under a
     * parent capped at 6: every create takes a slot at its reseller and at the parent in one unit,
     * locking the child's counter and then the parent's. Exactly 6 pass, at every tier the counters
     * equal the rows, and no unit deadlocks.
     */
    @Test
    void usersCreatedAtOnceInTwoSiblingsUnderATightParentNeverPassTheParentsCap() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Reseller parent = kit.resellers().create(asVendor, CreateReseller.of("Parent " + round, "p@race.example",
                    PARENT_CAP, -1));
            Reseller a = kit.resellers().create(asVendor, CreateReseller.of("A " + round, "a@race.example", -1, -1)
                    .under(parent.id()));
            Reseller b = kit.resellers().create(asVendor, CreateReseller.of("B " + round, "b@race.example", -1, -1)
                    .under(parent.id()));
            expect(AuditAction.RESELLER_CREATED, parent.id());
            expect(AuditAction.RESELLER_CREATED, a.id());
            expect(AuditAction.RESELLER_CREATED, b.id());
            String tag = "t" + round + "-";
            AtomicInteger created = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 2; i++) {
                        Reseller in = (thread + i) % 2 == 0 ? a : b;
                        try {
                            User u = kit.users().create(asVendor, CreateUser.of("U", "U", tag + thread + "-" + i
                                    + "@race.example", Role.USER).inReseller(in.id()));
                            expect(AuditAction.USER_CREATED, u.id());
                            created.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            expectRefusal(AuditAction.QUOTA_EXCEEDED);
                        }
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("two siblings under parent " + round);
            assertEquals(PARENT_CAP, created.get(), "creates that passed under the parent's cap");
            assertEquals(PARENT_CAP, s.counters().get(Kind.RESELLER_USERS + "/" + parent.id().value()),
                    "the parent's counter");
        }
    }

    // ---- reseller-issued licenses ----

    /** The license quota in the issuing race: tight, so most issues are refused. */
    private static final int LICENSE_CAP = 5;

    /**
     * Sixteen threads issue licenses at once, twice each, as the admin of a reseller whose license
     * quota is 5, into its four child resellers (so that the writes share no audit chain, whose
     * head would queue them anyway: only the issuer's counter orders them), while the vendor creates
     * licenses allocated to the children (which never count): exactly 5 issues pass, the rest are
     * refused with quota.exceeded, and the counter equals the licenses the reseller issued.
     */
    @Test
    void licensesIssuedAtOnceByAResellerAdminNeverPassItsLicenseQuota() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Issuer " + round, "i@race.example", -1, -1));
            expect(AuditAction.RESELLER_CREATED, r.id());
            List<Reseller> children = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Reseller child = kit.resellers().create(asVendor, CreateReseller.of("Child " + c, "c@race.example", -1, -1)
                        .under(r.id()));
                expect(AuditAction.RESELLER_CREATED, child.id());
                children.add(child);
            }
            User admin = kit.users().create(asVendor, CreateUser.of("I", "Admin", "issuer" + round + "@race.example",
                    Role.RESELLER_ADMIN).inReseller(r.id()));
            expect(AuditAction.USER_CREATED, admin.id());
            kit.resellers().changeQuotas(asVendor, r.id(), ChangeQuotas.licenses(LICENSE_CAP));
            expect(AuditAction.RESELLER_QUOTA_UPDATED, r.id());
            RequestContext asIssuer = RequestContext.of(admin.id());
            AtomicInteger issued = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 2; i++) {
                        Reseller into = children.get((thread + i) % children.size());
                        if (thread % 4 == 0 && i == 0) {
                            License byVendor = kit.licenses().create(asVendor, CreateLicense.of("pro", 1, null, into.id()));
                            expect(AuditAction.LICENSE_CREATED, byVendor.id());
                            continue;
                        }
                        try {
                            License l = kit.licenses().create(asIssuer, CreateLicense.of("pro", 1, null, into.id()));
                            expect(AuditAction.LICENSE_CREATED, l.id());
                            issued.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            assertEquals("reseller.allowedLicenses", e.quota());
                            assertEquals(LICENSE_CAP, e.limit());
                            assertEquals(LICENSE_CAP, e.usage());
                            expectRefusal(AuditAction.QUOTA_EXCEEDED);
                        }
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("licenses issued by reseller " + round);
            assertEquals(LICENSE_CAP, issued.get(), "issues that passed under the license quota");
            assertEquals(LICENSE_CAP, count(s, new UsageCounter(Kind.RESELLER_LICENSES, r.id().value())));
        }
    }

    /**
     * A child's cap grows step by step while fifteen threads create users directly in its parent
     * (cap 6, the child holding 2 of it): each growth and each create checks the parent's counter
     * under its lock, so the parent's own users plus the child's cap never pass 6.
     */
    @Test
    void aChildsCapGrowingWhileItsParentCreatesUsersNeverPassesTheParentsCap() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Reseller parent = kit.resellers().create(asVendor, CreateReseller.of("Parent " + round, "p@race.example",
                    PARENT_CAP, -1));
            Reseller child = kit.resellers().create(asVendor, CreateReseller.of("Child " + round, "c@race.example", 2, -1)
                    .under(parent.id()));
            expect(AuditAction.RESELLER_CREATED, parent.id());
            expect(AuditAction.RESELLER_CREATED, child.id());
            String tag = "g" + round + "-";
            AtomicInteger created = new AtomicInteger();
            AtomicInteger childCap = new AtomicInteger(2);
            List<Task> tasks = new ArrayList<>();
            tasks.add(() -> {
                for (int cap = 3; cap <= PARENT_CAP; cap++) {
                    try {
                        kit.resellers().changeQuotas(asVendor, child.id(), new ChangeQuotas(cap, null, null));
                        expect(AuditAction.RESELLER_QUOTA_UPDATED, child.id());
                        childCap.set(cap);
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                        return;
                    }
                }
            });
            for (int t = 1; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    try {
                        User u = kit.users().create(asVendor, CreateUser.of("U", "U", tag + thread + "@race.example",
                                Role.USER).inReseller(parent.id()));
                        expect(AuditAction.USER_CREATED, u.id());
                        created.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("a child's cap growing under parent " + round);
            assertEquals(PARENT_CAP, created.get() + childCap.get(),
                    "the parent's own users plus its child's cap fill the parent's cap, and no more");
        }
    }

    // ---- moves between organizations ----

    @Test
    void usersMovedAtOnceIntoAnOrganizationWithOneFreeSlotTakeItExactlyOnce() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Organization from = organization("From " + round, THREADS);
            Organization to = organization("To " + round, 1);
            List<User> movers = usersIn(from, "m" + round + "-", THREADS);
            AtomicInteger moved = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (User u : movers) {
                tasks.add(() -> {
                    try {
                        kit.users().update(asResellerAdmin, u.id(), UpdateUser.changes().movingTo(to.id()));
                        expect(AuditAction.USER_UPDATED, u.id());
                        moved.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("moves into a full organization " + round);
            assertEquals(1, moved.get(), "moves that got the one slot in round " + round);
            assertEquals(1, count(s, new UsageCounter(Kind.ORGANIZATION_USERS, to.id().value())));
            assertEquals(THREADS - 1, count(s, new UsageCounter(Kind.ORGANIZATION_USERS, from.id().value())));
        }
    }

    @Test
    void usersMovedBothWaysBetweenTwoOrganizationsAtOnceAllArriveWithTheirSlots() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Organization a = organization("A " + round, THREADS);
            Organization b = organization("B " + round, THREADS);
            List<Task> tasks = new ArrayList<>();
            for (User u : usersIn(a, "a" + round + "-", THREADS / 2)) {
                tasks.add(moveTask(u, b));
            }
            for (User u : usersIn(b, "b" + round + "-", THREADS / 2)) {
                tasks.add(moveTask(u, a));
            }
            race(tasks);
            Snapshot s = checkRound("moves both ways " + round);
            assertEquals(THREADS / 2, count(s, new UsageCounter(Kind.ORGANIZATION_USERS, a.id().value())));
            assertEquals(THREADS / 2, count(s, new UsageCounter(Kind.ORGANIZATION_USERS, b.id().value())));
        }
    }

    private Task moveTask(User u, Organization to) {
        return () -> {
            kit.users().update(asResellerAdmin, u.id(), UpdateUser.changes().movingTo(to.id()));
            expect(AuditAction.USER_UPDATED, u.id());
        };
    }

    private Organization organization(String name, int allowedUsers) {
        Organization o = kit.organizations().create(asResellerAdmin,
                CreateOrganization.of(name, "org@race.example", allowedUsers, main.id()));
        expect(AuditAction.ORGANIZATION_CREATED, o.id());
        return o;
    }

    private List<User> usersIn(Organization o, String tag, int n) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            User u = kit.users().create(asResellerAdmin, CreateUser.of("M", "M", tag + i + "@race.example", Role.USER)
                    .inOrganization(o.id()));
            expect(AuditAction.USER_CREATED, u.id());
            users.add(u);
        }
        return users;
    }

    // ---- customer transfers ----

    /** A second reseller with its admin, the receiver of transfers; {@code allowedUsers} -1 for unlimited. */
    private RequestContext receiverAdmin(Reseller receiver) {
        User admin = kit.users().create(asVendor, CreateUser.of("Rob", "Receiver", "rob" + serial.incrementAndGet()
                + "@receiver.example", Role.RESELLER_ADMIN).inReseller(receiver.id()));
        expect(AuditAction.USER_CREATED, admin.id());
        return RequestContext.of(admin.id());
    }

    /** The events of one transfer of {@code o} with {@code users}: one per moved row in each of the two trails. */
    private void expectTransfer(Organization o, List<User> users) {
        expect(AuditAction.ORGANIZATION_TRANSFERRED, o.id());
        expect(AuditAction.ORGANIZATION_TRANSFERRED, o.id());
        for (User u : users) {
            expect(AuditAction.USER_TRANSFERRED, u.id());
            expect(AuditAction.USER_TRANSFERRED, u.id());
        }
    }

    @Test
    void eightRedemptionsOfOneTransferTokenAtOnceTransferOnce() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Reseller receiver = kit.resellers().create(asVendor, CreateReseller.of("Receiver " + round,
                    "rx@race.example", -1, -1));
            expect(AuditAction.RESELLER_CREATED, receiver.id());
            RequestContext asReceiver = receiverAdmin(receiver);
            Organization o = organization("Moving " + round, -1);
            List<User> users = usersIn(o, "t" + round + "-", 3);
            var token = kit.organizations().issueTransferToken(asResellerAdmin, o.id(), receiver.id());
            expect(AuditAction.ORGANIZATION_TRANSFER_TOKEN_ISSUED, token.id());
            AtomicInteger transferred = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    try {
                        kit.organizations().transfer(asReceiver, o.id(), receiver.id(), token.secret());
                        transferred.incrementAndGet();
                    } catch (AccessDeniedException e) {
                        expectRefusal(AuditAction.ACCESS_DENIED); // used already
                    }
                });
            }
            race(tasks);
            assertEquals(1, transferred.get(), "transfers with one token in round " + round);
            expect(AuditAction.ORGANIZATION_TRANSFER_TOKEN_REDEEMED, token.id());
            expectTransfer(o, users);
            Snapshot s = checkRound("redemptions of one token " + round);
            assertEquals(3, count(s, new UsageCounter(Kind.RESELLER_USERS, receiver.id().value())));
            assertEquals(1, count(s, new UsageCounter(Kind.RESELLER_ORGANIZATIONS, receiver.id().value())));
        }
    }

    @Test
    void aTransferRacingCreatesInTheReceiverNearItsCapNeverOverrunsIt() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            Reseller receiver = kit.resellers().create(asVendor, CreateReseller.of("Near cap " + round,
                    "nc@race.example", 4, -1));
            expect(AuditAction.RESELLER_CREATED, receiver.id());
            RequestContext asReceiver = receiverAdmin(receiver);
            Organization o = organization("Arriving " + round, -1);
            List<User> users = usersIn(o, "a" + round + "-", 2);
            AtomicInteger created = new AtomicInteger();
            AtomicInteger transferred = new AtomicInteger();
            String tag = "n" + round + "-";
            List<Task> tasks = new ArrayList<>();
            tasks.add(() -> {
                try {
                    kit.organizations().transfer(asVendor, o.id(), receiver.id(), null);
                    expectTransfer(o, users);
                    transferred.incrementAndGet();
                } catch (QuotaExceededException e) {
                    expectRefusal(AuditAction.QUOTA_EXCEEDED);
                }
            });
            for (int t = 0; t < 6; t++) {
                int thread = t;
                tasks.add(() -> {
                    try {
                        User u = kit.users().create(asReceiver, CreateUser.of("C", "C", tag + thread + "@race.example",
                                Role.USER).inReseller(receiver.id()));
                        expect(AuditAction.USER_CREATED, u.id());
                        created.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                    }
                });
            }
            race(tasks);
            Snapshot s = checkRound("a transfer against creates near the cap " + round);
            long atReceiver = count(s, new UsageCounter(Kind.RESELLER_USERS, receiver.id().value()));
            assertEquals(created.get() + 2L * transferred.get(), atReceiver, "users at the receiver in round " + round);
            assertTrue(atReceiver <= 4, () -> "the receiver holds " + atReceiver + " users against a cap of 4");
            assertEquals(4, atReceiver, "the cap is filled: creates take what a refused transfer left");
        }
    }

    @Test
    void licensesAssignedWhileTheirAssigneesAreTransferredMoveWithThemOrAreRefused() throws Exception {
        Reseller receiver = kit.resellers().create(asVendor, CreateReseller.of("Assignee receiver",
                "ar@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, receiver.id());
        for (int round = 0; round < ROUNDS / 4; round++) {
            Organization o = organization("Assigned " + round, -1);
            User u = usersIn(o, "as" + round + "-", 1).get(0);
            List<License> licenses = newLicenses(main);
            AtomicInteger assigned = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            tasks.add(() -> {
                kit.organizations().transfer(asVendor, o.id(), receiver.id(), null);
                expectTransfer(o, List.of(u));
            });
            for (int t = 0; t < licenses.size(); t++) {
                License l = licenses.get(t);
                boolean toUser = t % 2 == 0;
                tasks.add(() -> {
                    try {
                        if (toUser) {
                            kit.licenses().assignToUser(asVendor, l.id(), u.id());
                        } else {
                            kit.licenses().assignToOrganization(asVendor, l.id(), o.id());
                        }
                        expect(AuditAction.LICENSE_ASSIGNED, l.id());
                        assigned.incrementAndGet();
                    } catch (ConflictException e) {
                        // the assignee is (or moved meanwhile) at the receiver: refused, nothing written
                    }
                });
            }
            race(tasks);
            int moved = 0;
            for (License l : licenses) {
                License now = kit.licenses().get(asVendor, l.id());
                if (now.isAssigned()) {
                    assertEquals(receiver.id(), now.resellerId(), "an assigned license moves with its assignee: " + now);
                    expect(AuditAction.LICENSE_TRANSFERRED, l.id());
                    expect(AuditAction.LICENSE_TRANSFERRED, l.id());
                    moved++;
                } else {
                    assertEquals(main.id(), now.resellerId(), "an unassigned license stays: " + now);
                }
            }
            assertEquals(assigned.get(), moved, "assignments that succeeded in round " + round);
            checkRound("assignments against a transfer of the assignees " + round);
        }
    }

    @Test
    void accessGrantedWhileTheOrganizationIsTransferredIsRevokedOrRefused() throws Exception {
        Reseller receiver = kit.resellers().create(asVendor, CreateReseller.of("Grant receiver",
                "gr@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, receiver.id());
        List<User> staff = new ArrayList<>();
        for (int t = 1; t < THREADS; t++) {
            User s = kit.users().create(asResellerAdmin, CreateUser.of("S", "S", "staff" + t + "@race.example",
                    Role.RESELLER_SUPPORT).inReseller(main.id()));
            expect(AuditAction.USER_CREATED, s.id());
            staff.add(s);
        }
        for (int round = 0; round < ROUNDS / 4; round++) {
            Organization o = organization("Lending " + round, -1);
            User orgAdmin = kit.users().create(asResellerAdmin, CreateUser.of("O", "A", "lender" + round
                    + "@race.example", Role.ORGANIZATION_ADMIN).inOrganization(o.id()));
            expect(AuditAction.USER_CREATED, orgAdmin.id());
            RequestContext asLender = RequestContext.of(orgAdmin.id());
            Map<String, Boolean> granted = new ConcurrentHashMap<>();
            List<Task> tasks = new ArrayList<>();
            tasks.add(() -> {
                kit.organizations().transfer(asVendor, o.id(), receiver.id(), null);
                expectTransfer(o, List.of(orgAdmin));
            });
            for (User grantee : staff) {
                tasks.add(() -> {
                    try {
                        var g = kit.access().grant(asLender, GrantAccess.of(o.id(), grantee.id(),
                                Set.of(AccessPermission.USER_READ), Instant.now().plus(Duration.ofDays(1))));
                        expect(AuditAction.ACCESS_GRANTED, g.id());
                        granted.put(g.id(), true);
                    } catch (AccessDeniedException e) {
                        expectRefusal(AuditAction.ACCESS_DENIED); // the lender is at the receiver now
                    } catch (ConflictException e) {
                        // the organization moved meanwhile: refused, nothing written
                    }
                });
            }
            race(tasks);
            for (AccessGrant g : storage.accessGrants().findByOrganization(o.id())) {
                assertTrue(granted.containsKey(g.id()), "a grant no call returned: " + g);
                assertTrue(g.revokedAt() != null, () -> "a grant of the old reseller's staff survived the transfer: " + g);
                expect(AuditAction.ACCESS_REVOKED, g.id());
            }
            assertEquals(granted.size(), storage.accessGrants().findByOrganization(o.id()).size(), "grants made");
            checkRound("grants against a transfer " + round);
        }
    }

    @Test
    void transferTokensIssuedWhileTheOrganizationIsTransferredNeverMoveItOn() throws Exception {
        Reseller receiver = kit.resellers().create(asVendor, CreateReseller.of("Token receiver", "tr@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, receiver.id());
        Reseller third = kit.resellers().create(asVendor, CreateReseller.of("Third", "third@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, third.id());
        RequestContext asThird = receiverAdmin(third);
        for (int round = 0; round < ROUNDS / 4; round++) {
            Organization o = organization("Tokened " + round, -1);
            List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Task> tasks = new ArrayList<>();
            tasks.add(() -> {
                kit.organizations().transfer(asVendor, o.id(), receiver.id(), null);
                expectTransfer(o, List.of());
            });
            for (int t = 1; t < THREADS; t++) {
                tasks.add(() -> {
                    try {
                        var token = kit.organizations().issueTransferToken(asResellerAdmin, o.id(), third.id());
                        expect(AuditAction.ORGANIZATION_TRANSFER_TOKEN_ISSUED, token.id());
                        secrets.add(token.secret());
                    } catch (AccessDeniedException e) {
                        expectRefusal(AuditAction.ACCESS_DENIED); // the organization is the receiver's now
                    } catch (ConflictException e) {
                        // it moved meanwhile: refused, nothing written
                    }
                });
            }
            race(tasks);
            for (String secret : secrets) {
                assertThrows(AccessDeniedException.class, () -> kit.organizations().transfer(asThird, o.id(), third.id(),
                        secret), "a token issued at the old reseller moved the organization on");
                expectRefusal(AuditAction.ACCESS_DENIED);
            }
            assertEquals(receiver.id(), kit.organizations().get(asVendor, o.id()).resellerId());
            checkRound("token issues against a transfer " + round);
        }
    }

    // ---- webhook endpoints under the vendor's cap ----

    @Test
    void sixteenRegistrationsAtOnceByAResellersAdminStopAtTheCapExactly() throws Exception {
        ResellerKit allowing = ResellerKit.builder(storage).resellerWebhooks(3).build();
        for (int round = 0; round < ROUNDS / 4; round++) {
            AtomicInteger registered = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String url = "https://hooks.race.example/" + round + "/" + t;
                tasks.add(() -> {
                    try {
                        var r = allowing.webhooks().register(asResellerAdmin, RegisterWebhook.of(url, main.id()));
                        expect(AuditAction.WEBHOOK_REGISTERED, r.endpoint().id());
                        registered.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        expectRefusal(AuditAction.QUOTA_EXCEEDED);
                    }
                });
            }
            race(tasks);
            var endpoints = kit.webhooks().list(asVendor, main.id());
            assertEquals(3, endpoints.size(), "endpoints held in round " + round);
            assertEquals(3, registered.get(), "registrations that succeeded in round " + round);
            checkRound("registrations against the webhook cap " + round);
            for (var e : endpoints) { // room for the next round
                kit.webhooks().delete(asVendor, e.id());
                expect(AuditAction.WEBHOOK_DELETED, e.id());
            }
        }
    }

    // ---- the last admin and the first ----

    @Test
    void twoAdminsDeletingOrDemotingEachOtherAtOnceLeaveExactlyOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int removed = raceAdminRing(2, "pair " + round);
            assertEquals(1, removed, "exactly one of two admins removing each other wins");
        }
    }

    @Test
    void sixteenAdminsDeletingOrDemotingEachOtherInARingLeaveAtLeastOne() throws Exception {
        for (int round = 0; round < ROUNDS / 2; round++) {
            raceAdminRing(THREADS, "ring " + round);
        }
    }

    /**
     * Tops the vendor's admins up to {@code size}; then admin {@code i} deletes or demotes admin
     * {@code i + 1} (the last the first), all at once. A loser is refused because the counter
     * would reach zero ({@code IN_USE}, no event) or because its own admin rights are gone by then
     * ({@code access.denied}). Returns how many admins went.
     */
    private int raceAdminRing(int size, String what) throws Exception {
        List<User> admins = new ArrayList<>(admins(Snapshot.of(storage)));
        RequestContext asSurvivor = RequestContext.of(admins.get(0).id());
        while (admins.size() < size) {
            User a = kit.users().create(asSurvivor, CreateUser.of("A", "Admin",
                    "admin" + serial.incrementAndGet() + "@vendor.example", Role.ADMIN));
            expect(AuditAction.USER_CREATED, a.id());
            admins.add(a);
        }
        admins = admins.subList(0, size);
        AtomicInteger removed = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            RequestContext as = RequestContext.of(admins.get(i).id());
            User target = admins.get((i + 1) % size);
            boolean delete = random.nextBoolean();
            tasks.add(() -> {
                try {
                    if (delete) {
                        kit.users().delete(as, target.id());
                        expect(AuditAction.USER_DELETED, target.id());
                    } else {
                        kit.users().update(as, target.id(), UpdateUser.changes().withRole(Role.USER));
                        expect(AuditAction.USER_UPDATED, target.id());
                    }
                    removed.incrementAndGet();
                } catch (ConflictException e) {
                    assertEquals(ConflictException.Kind.IN_USE, e.kind(), e::getMessage);
                } catch (AccessDeniedException e) {
                    expectRefusal(AuditAction.ACCESS_DENIED);
                }
            });
        }
        race(tasks);
        Snapshot s = checkRound(what);
        assertEquals(size - removed.get(), admins(s).size(), () -> what + ": admins left");
        return removed.get();
    }

    @Test
    void ofSixteenConcurrentBootstrapsExactlyOneCreatesTheFirstAdmin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Storage empty = emptyStorage();
            ResellerKit fresh = ResellerKit.builder(empty).build();
            AtomicInteger refused = new AtomicInteger();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    try {
                        fresh.bootstrapAdmin(CreateUser.of("B", "Boot", "boot" + thread + "@vendor.example", Role.ADMIN));
                    } catch (ConflictException e) {
                        assertEquals(ConflictException.Kind.INVALID_STATE, e.kind(), e::getMessage);
                        refused.incrementAndGet();
                    }
                });
            }
            race(tasks);
            assertEquals(THREADS - 1, refused.get(), "bootstraps refused in round " + round);
            Snapshot s = Snapshot.of(empty);
            assertEquals(1, s.users().size(), "users after round " + round);
            assertEquals(1L, s.counters().get(Kind.ADMINS + "/vendor"), "admins counted after round " + round);
            assertEquals(List.of(AuditAction.USER_CREATED), s.events().stream().map(AuditEvent::action).toList());
        }
    }

    // ---- many writers on one audit chain, and on several ----

    @Test
    void sixteenWritersOnOneResellerAndOnSeveralLeaveChainsWithoutGapsThatVerify() throws Exception {
        List<Reseller> several = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Chain " + i, "c@race.example", -1, -1));
            expect(AuditAction.RESELLER_CREATED, r.id());
            several.add(r);
        }
        for (int round = 0; round < ROUNDS / 4; round++) {
            String tag = "c" + round + "-";
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                // Even threads write to the one reseller, odd ones each to one of several.
                Reseller target = thread % 2 == 0 ? main : several.get(thread / 2 % several.size());
                tasks.add(() -> {
                    for (int i = 0; i < 3; i++) {
                        User u = kit.users().create(asVendor, CreateUser.of("C", "C", tag + thread + "-" + i
                                + "@race.example", Role.USER).inReseller(target.id()));
                        expect(AuditAction.USER_CREATED, u.id());
                    }
                });
            }
            race(tasks);
            checkRound("chains, round " + round);
        }
        for (Reseller r : List.of(main, several.get(0))) {
            String chain = "reseller/" + r.id().value();
            List<Long> seqs = storage.unitOfWork().read(() -> storage.auditTrail().chain(chain, 0, 10_000)).stream()
                    .map(e -> e.link().seq()).toList();
            assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs, "numbers of " + chain);
        }
    }

    // ---- retention racing appends ----

    @Test
    void purgesRacingAppendsNeitherDeadlockNorLoseAnAppendAndTheChainsVerify() throws Exception {
        String chain = "reseller/" + main.id().value();
        long headBefore = storage.unitOfWork().read(() -> storage.auditTrail().chainHead(chain)).orElseThrow().seq();
        AtomicLong purged = new AtomicLong();
        int writers = THREADS - 4;
        for (int round = 0; round < ROUNDS / 4; round++) {
            String tag = "p" + round + "-";
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(thread < writers ? () -> {
                    for (int i = 0; i < 3; i++) {
                        kit.users().create(asResellerAdmin, CreateUser.of("P", "P", tag + thread + "-" + i
                                + "@race.example", Role.USER).inReseller(main.id()));
                    }
                } : () -> {
                    // Everything up to now, in small batches, right behind the appends.
                    for (int i = 0; i < 3; i++) {
                        purged.addAndGet(kit.audit().purge(asVendor, Instant.now().plusSeconds(3600), 2));
                    }
                });
            }
            race(tasks);
        }
        long appended = (long) ROUNDS / 4 * writers * 3;
        ChainHead head = storage.unitOfWork().read(() -> storage.auditTrail().chainHead(chain)).orElseThrow();
        assertEquals(headBefore + appended, head.seq(), "every user's event was appended to the chain");
        long checkpoints = 0;
        for (String c : storage.unitOfWork().read(() -> storage.auditTrail().chains())) {
            ChainCheckpoint cp = storage.unitOfWork().read(() -> storage.auditTrail().checkpoint(c));
            List<Long> kept = storage.unitOfWork().read(() -> storage.auditTrail().chain(c, 0, 100_000)).stream()
                    .map(e -> e.link().seq()).toList();
            long last = storage.unitOfWork().read(() -> storage.auditTrail().chainHead(c)).orElseThrow().seq();
            assertEquals(LongStream.rangeClosed(cp.seq() + 1, last).boxed().toList(), kept,
                    "chain " + c + " keeps exactly the links after its checkpoint");
            checkpoints += cp.seq();
        }
        assertEquals(purged.get(), checkpoints, "each purged link was counted once");
        for (ResellerId owner : java.util.Arrays.asList(main.id(), null)) {
            AuditVerification v = kit.audit().verify(asVendor, owner);
            assertTrue(v.ok(), () -> owner + " after purges racing appends: " + v.firstBreak());
        }
    }

    // ---- one idempotency key sent by many at once ----

    @Test
    void thirtyTwoCreatesWithOneKeyCreateOneUserTakeOneSlotAndAllReturnIt() throws Exception {
        for (int round = 0; round < ROUNDS / 2; round++) {
            Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Keyed " + round, "k@race.example", 100, -1));
            expect(AuditAction.RESELLER_CREATED, r.id());
            RequestContext keyed = asVendor.withIdempotencyKey("create-once-" + round);
            CreateUser command = CreateUser.of("K", "K", "keyed" + round + "@race.example", Role.USER).inReseller(r.id());
            Set<UserId> returned = ConcurrentHashMap.newKeySet();
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < KEYED_THREADS; t++) {
                tasks.add(() -> returned.add(kit.users().create(keyed, command).id()));
            }
            race(tasks);
            assertEquals(1, returned.size(), () -> "ids returned for one key: " + returned);
            expect(AuditAction.USER_CREATED, returned.iterator().next());
            Snapshot s = checkRound("one key, round " + round);
            assertEquals(1, s.users().stream().filter(u -> r.id().equals(u.resellerId())).count(), "users created");
            assertEquals(1, count(s, new UsageCounter(Kind.RESELLER_USERS, r.id().value())), "slots taken");
        }
    }

    // ---- deletes racing what would refer to what they delete ----

    @Test
    void deletingAnOrganizationRacesCreatingUsersInIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Organization o = newOrganization(round);
            String tag = "o" + round + "-";
            raceDelete("organization " + round, () -> deleteOrganization(o), t -> {
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
            raceDelete("reseller " + round, () -> deleteReseller(r), t -> {
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
            raceDelete("reseller " + round, () -> deleteReseller(r), t -> {
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
            raceDelete("reseller " + round, () -> deleteReseller(r), t -> {
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
        List<License> licenses = newLicenses(main);
        for (int round = 0; round < ROUNDS; round++) {
            User u = kit.users().create(asResellerAdmin, CreateUser.of("U", "U", "assignee" + round + "@race.example",
                    Role.USER).inReseller(main.id()));
            expect(AuditAction.USER_CREATED, u.id());
            raceDelete("user " + round, () -> {
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
        List<License> licenses = newLicenses(main);
        for (int round = 0; round < ROUNDS; round++) {
            Organization o = newOrganization(round);
            raceDelete("organization " + round, () -> deleteOrganization(o), t -> {
                kit.licenses().assignToOrganization(asResellerAdmin, licenses.get(t - 1).id(), o.id());
                expect(AuditAction.LICENSE_ASSIGNED, licenses.get(t - 1).id());
            });
        }
    }

    /** Work a thread does that refers to the parent; its number is 1 to 15. */
    @FunctionalInterface
    private interface Child {
        void run(int thread) throws Exception;
    }

    /**
     * One thread deletes an empty parent while fifteen make changes that refer to it. Either side
     * may lose: the delete with {@code IN_USE}, a change with {@code NOT_FOUND}; not both win.
     */
    private void raceDelete(String parent, Task delete, Child child) throws Exception {
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger children = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        tasks.add(() -> {
            try {
                delete.run();
                deleted.incrementAndGet();
            } catch (ConflictException e) {
                assertEquals(ConflictException.Kind.IN_USE, e.kind(), e::getMessage);
            }
        });
        for (int t = 1; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                try {
                    child.run(thread);
                    children.incrementAndGet();
                } catch (NotFoundException e) {
                    // the parent went first
                }
            });
        }
        race(tasks);
        assertFalse(deleted.get() == 1 && children.get() > 0,
                () -> parent + " was deleted and " + children.get() + " changes referring to it succeeded");
        checkRound(parent);
    }

    private Reseller newReseller(int round) {
        Reseller r = kit.resellers().create(asVendor, CreateReseller.of("Reseller " + round, "r@race.example", -1, -1));
        expect(AuditAction.RESELLER_CREATED, r.id());
        return r;
    }

    private void deleteReseller(Reseller r) {
        kit.resellers().delete(asVendor, r.id());
        expect(AuditAction.RESELLER_DELETED, r.id());
    }

    private Organization newOrganization(int round) {
        Organization o = kit.organizations().create(asResellerAdmin,
                CreateOrganization.of("Org " + round, "org@race.example", -1, main.id()));
        expect(AuditAction.ORGANIZATION_CREATED, o.id());
        return o;
    }

    private void deleteOrganization(Organization o) {
        kit.organizations().delete(asResellerAdmin, o.id());
        expect(AuditAction.ORGANIZATION_DELETED, o.id());
    }

    /** One license per racing child, allocated to {@code owner} if given. */
    private List<License> newLicenses(Reseller owner) {
        List<License> licenses = new ArrayList<>();
        for (int t = 1; t < THREADS; t++) {
            License l = kit.licenses().create(asVendor, CreateLicense.of("pro", 1, null, owner == null ? null : owner.id()));
            expect(AuditAction.LICENSE_CREATED, l.id());
            licenses.add(l);
        }
        return licenses;
    }

    // ---- the race and the checks after it ----

    /** A racing thread's work; an exception it lets out fails the round. */
    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    /** Runs every task on a thread of its own, released together, and waits for all. */
    private void race(List<Task> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (Task task : tasks) {
            running.add(pool.submit(() -> {
                start.await();
                task.run();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : running) {
            try {
                f.get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error; // an assertion inside a thread
                }
                throw e;
            }
        }
    }

    /** The checks every round ends with; returns what it read. */
    private Snapshot checkRound(String what) {
        Snapshot s = Snapshot.of(storage);
        assertNoRowRefersToAMissingOne(s, what);
        assertCountersEqualRows(s, what);
        assertNoCountAboveItsCap(s, what);
        assertFalse(admins(s).isEmpty(), () -> "no admin is left after the race on " + what);
        assertOneEventPerChangeAndRefusal(s, what);
        assertEveryChainVerifiesAndHoldsEveryEvent(s, what);
        return s;
    }

    /**
     * Every owner's chains verify (numbers without gaps, each link to the one before, heads at
     * the last), and together they hold every event once.
     */
    private void assertEveryChainVerifiesAndHoldsEveryEvent(Snapshot s, String what) {
        Set<ResellerId> owners = new HashSet<>();
        s.events().forEach(e -> owners.add(e.resellerId()));
        long chained = 0;
        RequestContext asAnAdmin = RequestContext.of(admins(s).get(0).id()); // the races may remove the vendor's first
        for (ResellerId owner : owners) {
            AuditVerification v = kit.audit().verify(asAnAdmin, owner);
            assertTrue(v.ok(), () -> "the chains of " + owner + " after the race on " + what + ": " + v.firstBreak());
            chained += v.eventsChecked();
        }
        assertEquals(s.events().size(), chained, () -> "events in chains after the race on " + what);
    }

    private static void assertNoRowRefersToAMissingOne(Snapshot s, String what) {
        Set<Object> resellers = s.resellers().stream().map(Reseller::id).collect(Collectors.toSet());
        Set<Object> organizations = s.organizations().stream().map(Organization::id).collect(Collectors.toSet());
        Set<Object> users = s.users().stream().map(User::id).collect(Collectors.toSet());
        List<String> orphans = new ArrayList<>();
        for (User u : s.users()) {
            if (missing(resellers, u.resellerId()) || missing(organizations, u.organizationId())) {
                orphans.add(u.toString());
            }
        }
        for (Organization o : s.organizations()) {
            if (missing(resellers, o.resellerId())) {
                orphans.add(o.toString());
            }
        }
        for (License l : s.licenses()) {
            if (missing(resellers, l.resellerId()) || missing(users, l.assignedUser())
                    || missing(organizations, l.assignedOrganization())) {
                orphans.add(l.toString());
            }
        }
        assertEquals(List.of(), orphans, () -> "rows referring to a missing one after the race on " + what);
    }

    private static boolean missing(Set<Object> ids, Object id) {
        return id != null && !ids.contains(id);
    }

    /** Every counter equals the live rows it counts (a counter at 0 and no rows are alike). */
    private static void assertCountersEqualRows(Snapshot s, String what) {
        assertEquals(countsFromRows(s), nonZero(s.counters()),
                () -> "usage counters against rows after the race on " + what);
    }

    /** What every counter should hold, worked out from the rows as DOMAIN.md says. */
    private static Map<String, Long> countsFromRows(Snapshot s) {
        Map<String, Long> counts = new HashMap<>();
        for (User u : s.users()) {
            if (u.role() == Role.ADMIN) {
                counts.merge(Kind.ADMINS + "/vendor", 1L, Long::sum);
            }
            if (u.resellerId() != null && !StateInvariants.RESELLER_STAFF.contains(u.role())) {
                counts.merge(Kind.RESELLER_USERS + "/" + u.resellerId().value(), 1L, Long::sum);
            }
            if (u.organizationId() != null) {
                counts.merge(Kind.ORGANIZATION_USERS + "/" + u.organizationId().value(), 1L, Long::sum);
            }
        }
        for (Organization o : s.organizations()) {
            if (o.resellerId() != null) {
                counts.merge(Kind.RESELLER_ORGANIZATIONS + "/" + o.resellerId().value(), 1L, Long::sum);
            }
        }
        // Licenses a reseller issued itself, revoked or not.
        for (License l : s.licenses()) {
            if (l.issuedBy() != null) {
                counts.merge(Kind.RESELLER_LICENSES + "/" + l.issuedBy().value(), 1L, Long::sum);
            }
        }
        // Tiers: a parent's counters also hold what its children carved out (or use, if uncapped).
        for (Reseller r : s.resellers()) {
            counts.put(Kind.RESELLER_USERS + "/" + r.id().value(), StateInvariants.tierUsers(s, r));
            counts.put(Kind.RESELLER_ORGANIZATIONS + "/" + r.id().value(), StateInvariants.tierOrganizations(s, r));
        }
        return nonZero(counts);
    }

    private static Map<String, Long> nonZero(Map<String, Long> counters) {
        Map<String, Long> nonZero = new HashMap<>(counters);
        nonZero.values().removeIf(n -> n == 0);
        return nonZero;
    }

    /** A count may be above its cap only if it already was when the cap was lowered. */
    private void assertNoCountAboveItsCap(Snapshot s, String what) {
        for (Reseller r : s.resellers()) {
            assertWithinCap(s, new UsageCounter(Kind.RESELLER_USERS, r.id().value()), r.allowedUsers(), what);
            assertWithinCap(s, new UsageCounter(Kind.RESELLER_ORGANIZATIONS, r.id().value()), r.allowedOrganizations(),
                    what);
        }
        for (Organization o : s.organizations()) {
            assertWithinCap(s, new UsageCounter(Kind.ORGANIZATION_USERS, o.id().value()), o.allowedUsers(), what);
        }
    }

    private void assertWithinCap(Snapshot s, UsageCounter counter, long cap, String what) {
        long count = count(s, counter);
        long atCapChange = storage.usageAtCapChange(counter);
        assertTrue(cap == -1 || count <= Math.max(cap, atCapChange), () -> counter + " holds " + count
                + " against a cap of " + cap + " (set when it held " + atCapChange + ") after the race on " + what);
    }

    private static long count(Snapshot s, UsageCounter counter) {
        return countsFromRows(s).getOrDefault(counter.kind() + "/" + counter.ownerId(), 0L);
    }

    private static List<User> admins(Snapshot s) {
        return s.users().stream().filter(u -> u.role() == Role.ADMIN).toList();
    }

    private void assertOneEventPerChangeAndRefusal(Snapshot s, String what) {
        Map<String, Integer> added = new HashMap<>(eventCounts(s));
        baseline.forEach((key, n) -> added.merge(key, -n, Integer::sum));
        added.values().removeIf(n -> n == 0);
        assertEquals(Map.copyOf(expectedEvents), added, () -> "audit events after the race on " + what);
    }

    /** Events as "action resourceId" (refusals as "action *") to how many there are. */
    private static Map<String, Integer> eventCounts(Snapshot s) {
        Map<String, Integer> counts = new HashMap<>();
        for (AuditEvent e : s.events()) {
            counts.merge(key(e.action(), REFUSALS.contains(e.action()) ? "*" : e.resourceId()), 1, Integer::sum);
        }
        return counts;
    }

    private void expect(AuditAction action, Object resourceId) {
        expectedEvents.merge(key(action, resourceId.toString()), 1, Integer::sum);
    }

    private void expectRefusal(AuditAction action) {
        expectedEvents.merge(key(action, "*"), 1, Integer::sum);
    }

    private static String key(AuditAction action, String resourceId) {
        return action + " " + resourceId;
    }
}
