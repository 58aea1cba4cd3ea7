package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;

/**
 * Random sequences of operations by random actors (every stored user, whatever its role) on
 * every kind of resource: users of every role (created, deleted, promoted, demoted, the vendor's
 * admins too), organizations (created, updated with their {@code allowedUsers} cap, deleted),
 * resellers (created, also under a parent, by the vendor or a parent's admin; quotas changed,
 * also below use; suspended, reactivated, deleted; the world starts with two tiers below Beta) and
 * licenses (created, allocated and taken back, assigned to users and organizations, unassigned,
 * suspended, revoked), organizations transferred between resellers (by the vendor, or by a
 * receiver with a token issued in an earlier step), and access grants (lent by anyone to anyone,
 * revoked by anyone: the refusals count as much as the successes).
 *
 * <p>After every step of {@code invariantsHoldAfterEveryStep}: every change left exactly one
 * event and every refusal exactly one refusal event, and anything else none; a refused or failed
 * call changed nothing; a slot was taken only below its cap; nobody but the vendor granted a role
 * at or above its own; no list shows anything outside the lister's scope; and everything
 * {@code StateInvariants} checks (counters equal rows, at least one admin, no orphans, the
 * audit trail replays to the rows, no counter above the highest cap it ever had). A failing
 * sequence is shrunk by jqwik to a short reproduction.
 *
 * <p>{@code invariantsHoldAfterConcurrentSteps} runs 4 threads of random steps
 * at once against one storage, then checks {@code StateInvariants} and that every refusal left
 * exactly one event.
 */
public abstract class RandomUseContract {
    /** Threads in the concurrent property. */
    static final int THREADS = 4;
    private final AtomicInteger emails = new AtomicInteger();

    /** A storage holding no rows; called once per sequence. */
    protected abstract Storage emptyStorage();

    /** What a step does. */
    public enum Kind {
        CREATE_USER, CREATE_ORGANIZATION_ADMIN, CREATE_RESELLER_ADMIN, CREATE_RESELLER_STAFF, CREATE_ADMIN, CREATE_ORGANIZATION,
        CREATE_RESELLER, CREATE_CHILD_RESELLER, CREATE_LICENSE, DELETE_USER, DELETE_ADMIN, DELETE_ORGANIZATION, DELETE_RESELLER,
        CHANGE_ROLE, DEMOTE_ADMIN, UPDATE_ORGANIZATION, CHANGE_QUOTAS, SUSPEND_RESELLER, REACTIVATE_RESELLER,
        ALLOCATE_LICENSE, TAKE_BACK_LICENSE, ASSIGN_LICENSE, ASSIGN_LICENSE_TO_ORGANIZATION, UNASSIGN_LICENSE,
        SUSPEND_LICENSE, REVOKE_LICENSE, READ_USER, LIST_USERS,
        ISSUE_TRANSFER_TOKEN, TRANSFER_ORGANIZATION, GRANT_ACCESS, REVOKE_ACCESS,
        /** A reseller's license quota set to -1 (unlimited), 0 (off), 1 or 2: the vendor's alone. */
        CHANGE_LICENSE_QUOTA
    }

    /** Transfer tokens issued so far, by organization and receiving reseller: what a later transfer step redeems. */
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** One step: who acts (an index into the stored users), what, on what (an index), with which number. */
    public record Step(int actor, Kind kind, int target, int number) {
    }

    private static Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(-1, 5)).as(Step::new);
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        // Sizes drawn evenly (jqwik favours short lists otherwise); so a failure can shrink to a single step.
        return steps().list().ofMinSize(1).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    /** One list of steps per thread. */
    @Provide
    Arbitrary<List<List<Step>>> concurrentRuns() {
        return steps().list().ofMinSize(20).ofMaxSize(40).list().ofSize(THREADS);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void invariantsHoldAfterEveryStep(@ForAll("sequences") List<Step> steps) {
        SecurityCounts.add(this, "random sequences", 1);
        Storage storage = emptyStorage();
        World w = withSpares(new World(storage, 4, 2));
        Snapshot before = Snapshot.of(storage);
        StateInvariants.assertHold(before, "the world");
        assertListsStayInScope(w.kit, before, "the world");
        int n = 0;
        for (Step step : steps) {
            n++;
            SecurityCounts.add(this, "random steps", 1);
            String at = "step " + n + " " + step;
            Outcome outcome = run(w.kit, before, step);
            Snapshot after = Snapshot.of(storage);
            List<AuditEvent> added = after.eventsSince(before);
            switch (outcome) {
                case CHANGED -> {
                    if (step.kind() == Kind.ISSUE_TRANSFER_TOKEN) {
                        // A token is no row of the snapshot: the one trace of its issue is its event.
                        assertEquals(1, added.size(), at + ": one event per token " + added);
                        assertEquals(before.withoutEvents(), after.withoutEvents(), at);
                    } else if (step.kind() == Kind.TRANSFER_ORGANIZATION) {
                        // One event per moved row (the organization, its users, their licenses, the token).
                        assertTrue(!added.isEmpty() && added.stream().noneMatch(StateInvariants::isRefusal), at + added);
                    } else if (before.withoutEvents().equals(after.withoutEvents())) {
                        assertEquals(List.of(), added, at + ": a call that changed nothing leaves no event");
                    } else {
                        assertEquals(1, added.size(), at + ": one event per change " + added);
                        assertTrue(!StateInvariants.isRefusal(added.get(0)), at);
                    }
                }
                case READ, SKIPPED -> {
                    // A read under an access grant is recorded: one access.used event naming the grant.
                    if (outcome != Outcome.READ || added.size() != 1 || added.get(0).action() != AuditAction.ACCESS_USED
                            || added.get(0).accessGrantId() == null) {
                        assertEquals(List.of(), added, at + ": a read leaves no event");
                    }
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at);
                }
                case REFUSED -> {
                    assertEquals(1, added.size(), at + ": one event per refusal " + added);
                    assertTrue(StateInvariants.isRefusal(added.get(0)), at);
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at + ": a refusal changes nothing");
                }
                case FAILED -> {
                    assertEquals(List.of(), added, at + ": a failed call leaves no event");
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at + ": a failed call changes nothing");
                }
            }
            if (outcome == Outcome.CHANGED) {
                assertSlotsTakenOnlyBelowTheirCaps(before, after, at);
                assertOnlyTheVendorChangedALicenseQuota(before, after, added, at);
            }
            if (outcome == Outcome.CHANGED && !added.isEmpty() && step.kind() != Kind.TRANSFER_ORGANIZATION) {
                assertNoRoleGrantedAtOrAboveTheActors(before, after, added.get(0), at);
            }
            StateInvariants.assertHold(after, at);
            if (!before.withoutEvents().equals(after.withoutEvents())) {
                // Lists cost the most to check; on a state already checked they show what they showed.
                assertListsStayInScope(w.kit, after, at);
            }
            before = after;
        }
    }

    /**
     * Several threads run their own random steps at once on one storage, released together;
     * afterwards the storage holds to every {@code StateInvariants} rule, and the trail holds one
     * refusal event per refused call. Not shrunk: a concurrent failure does not reproduce by seed.
     */
    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    void invariantsHoldAfterConcurrentSteps(@ForAll("concurrentRuns") List<List<Step>> threads) throws Exception {
        SecurityCounts.add(this, "concurrent runs", 1);
        Storage storage = emptyStorage();
        World w = withSpares(new World(storage, 4, 2));
        Snapshot start = Snapshot.of(storage);
        ExecutorService pool = Executors.newFixedThreadPool(threads.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<Outcome, Integer>>> results = new ArrayList<>();
        for (List<Step> steps : threads) {
            results.add(pool.submit(() -> {
                go.await();
                Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
                for (Step step : steps) {
                    // Picks actors and targets from what is stored now; other threads may change it at once.
                    outcomes.merge(run(w.kit, Snapshot.of(storage), step), 1, Integer::sum);
                }
                return outcomes;
            }));
        }
        go.countDown();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        try {
            for (Future<Map<Outcome, Integer>> f : results) {
                f.get(120, TimeUnit.SECONDS).forEach((o, count) -> outcomes.merge(o, count, Integer::sum));
            }
        } finally {
            pool.shutdownNow();
        }
        SecurityCounts.add(this, "concurrent steps", threads.stream().mapToInt(List::size).sum());
        Snapshot end = Snapshot.of(storage);
        String at = "after " + THREADS + " threads: " + outcomes;
        StateInvariants.assertHold(end, at);
        long refusals = end.eventsSince(start).stream().filter(StateInvariants::isRefusal).count();
        assertEquals(outcomes.getOrDefault(Outcome.REFUSED, 0), (int) refusals, at + ": one event per refusal");
        // A transfer records every moved row in both resellers' trails; every other change records one event.
        long changes = end.eventsSince(start).stream().filter(e -> !StateInvariants.isRefusal(e)
                && !e.action().name().contains("TRANSFERRED") && !e.action().name().endsWith("TOKEN_REDEEMED")).count();
        assertTrue(changes <= outcomes.getOrDefault(Outcome.CHANGED, 0), at + ": at most one event per change");
    }

    /**
     * The world with what lets early steps get through: a second vendor admin (so demoting or
     * deleting one succeeds before the last one is refused), an empty reseller and an empty
     * organization (which fills Acme's cap of 2) to delete, an unallocated license, and two tiers
     * below Beta: Beta Kid (3 users and 1 organization carved out of Beta's) with its admin, and
     * under it an uncapped Beta Grandkid, whose use counts at every tier up to Beta Kid.
     */
    private static World withSpares(World w) {
        Reseller kid = w.kit.resellers().create(w.asVendor,
                CreateReseller.of("Beta Kid", "ops@kid.beta.example", 3, 1).under(w.beta.reseller.id()));
        w.kit.users().create(w.asVendor, CreateUser.of("Kim", "Kid", "admin@kid.beta.example", Role.RESELLER_ADMIN)
                .inReseller(kid.id()));
        w.kit.resellers().create(w.beta.asAdmin,
                CreateReseller.of("Beta Grandkid", "ops@grandkid.beta.example", -1, -1).under(kid.id()));
        w.kit.users().create(w.asVendor, CreateUser.of("Vic", "Vendor", "vic@vendor.example", Role.ADMIN));
        w.kit.resellers().create(w.asVendor, CreateReseller.of("Spare", "ops@spare.example", 2, 1));
        w.kit.organizations().create(w.acme.asAdmin,
                CreateOrganization.of("Acme Spare", "it@spare.acme.example", 1, w.acme.reseller.id()));
        w.kit.licenses().create(w.asVendor, CreateLicense.of("basic", 1, null, null));
        return w;
    }

    /** What a call did: changed something (or nothing), read, was refused, failed, or was not made (no target). */
    enum Outcome { CHANGED, READ, REFUSED, FAILED, SKIPPED }

    private Outcome run(ResellerKit kit, Snapshot s, Step step) {
        User actor = actor(s.users(), step.actor());
        RequestContext as = RequestContext.of(actor.id());
        Organization org = pick(step.kind() == Kind.DELETE_ORGANIZATION
                ? preferring(s.organizations(), o -> isUnused(s, o), step) : s.organizations(), step.target());
        Reseller reseller = pick(step.kind() == Kind.DELETE_RESELLER
                ? preferring(s.resellers(), r -> isUnused(s, r), step) : s.resellers(), step.target());
        License license = pick(preferring(s.licenses(), fitFor(step.kind()), step), step.target());
        User targetUser = pick(step.kind() == Kind.ASSIGN_LICENSE && license != null
                ? preferring(s.users(), u -> Objects.equals(u.resellerId(), license.resellerId()), step)
                : s.users(), step.target());
        User admin = pick(s.users().stream().filter(u -> u.role() == Role.ADMIN).toList(), step.target());
        Object needed = switch (step.kind()) {
            case CREATE_RESELLER_ADMIN, CREATE_RESELLER_STAFF, CREATE_ORGANIZATION, DELETE_RESELLER, CHANGE_QUOTAS,
                    CHANGE_LICENSE_QUOTA, CREATE_CHILD_RESELLER, SUSPEND_RESELLER,
                    REACTIVATE_RESELLER, ALLOCATE_LICENSE -> reseller;
            case CREATE_ORGANIZATION_ADMIN, DELETE_ORGANIZATION, UPDATE_ORGANIZATION,
                    ASSIGN_LICENSE_TO_ORGANIZATION, GRANT_ACCESS -> org;
            case ISSUE_TRANSFER_TOKEN, TRANSFER_ORGANIZATION -> org == null ? null : reseller;
            case REVOKE_ACCESS -> s.grants().isEmpty() ? null : s.grants();
            case DELETE_ADMIN, DEMOTE_ADMIN -> admin;
            default -> actor;
        };
        boolean onLicense = step.kind().name().endsWith("_LICENSE") && step.kind() != Kind.CREATE_LICENSE
                || step.kind() == Kind.ASSIGN_LICENSE_TO_ORGANIZATION;
        if (needed == null || onLicense && license == null) {
            return Outcome.SKIPPED;
        }
        String email = "r" + emails.incrementAndGet() + "@random.example";
        int number = step.number();
        try {
            switch (step.kind()) {
                case CREATE_USER -> kit.users().create(as, place(CreateUser.of("R", "User", email, Role.USER), step,
                        org, reseller));
                case CREATE_ORGANIZATION_ADMIN -> kit.users().create(as, CreateUser.of("R", "OrgAdmin", email,
                        Role.ORGANIZATION_ADMIN).inOrganization(org.id()));
                case CREATE_RESELLER_ADMIN -> kit.users().create(as, CreateUser.of("R", "Staff", email,
                        Role.RESELLER_ADMIN).inReseller(reseller.id()));
                case CREATE_RESELLER_STAFF -> kit.users().create(as, CreateUser.of("R", "Staff", email,
                        STAFF_KINDS.get(Math.floorMod(number, STAFF_KINDS.size()))).inReseller(reseller.id()));
                case CREATE_ADMIN -> kit.users().create(as, CreateUser.of("R", "Vendor", email, Role.ADMIN));
                case CREATE_ORGANIZATION -> kit.organizations().create(as, CreateOrganization.of("Org " + email,
                        email, number, reseller.id()));
                case CREATE_RESELLER -> kit.resellers().create(as, CreateReseller.of("Reseller " + email, email,
                        number, number + 1));
                case CREATE_CHILD_RESELLER -> kit.resellers().create(as, CreateReseller.of("Child " + email, email,
                        number, number - 1).under(reseller.id()));
                case CREATE_LICENSE -> kit.licenses().create(as, CreateLicense.of("pro", 1, null,
                        number % 2 == 0 && reseller != null ? reseller.id() : null));
                case DELETE_USER -> kit.users().delete(as, targetUser.id());
                case DELETE_ADMIN -> kit.users().delete(as, admin.id());
                case DELETE_ORGANIZATION -> kit.organizations().delete(as, org.id());
                case DELETE_RESELLER -> kit.resellers().delete(as, reseller.id());
                case CHANGE_ROLE -> kit.users().update(as, targetUser.id(),
                        UpdateUser.changes().withRole(Role.values()[Math.floorMod(number, Role.values().length)]));
                case DEMOTE_ADMIN -> kit.users().update(as, admin.id(), UpdateUser.changes().withRole(Role.USER));
                case UPDATE_ORGANIZATION -> kit.organizations().update(as, org.id(), number % 2 == 0
                        ? UpdateOrganization.changes().withAllowedUsers(number)
                        : UpdateOrganization.changes().withAllowedUsers(number).withName("Org " + email));
                case CHANGE_QUOTAS -> kit.resellers().changeQuotas(as, reseller.id(),
                        new ChangeQuotas(number, number + 1, null));
                case CHANGE_LICENSE_QUOTA -> kit.resellers().changeQuotas(as, reseller.id(),
                        ChangeQuotas.licenses(Math.floorMod(number, 4) - 1));
                case SUSPEND_RESELLER -> kit.resellers().suspend(as, reseller.id());
                case REACTIVATE_RESELLER -> kit.resellers().reactivate(as, reseller.id());
                case ALLOCATE_LICENSE -> kit.licenses().allocate(as, license.id(), reseller.id());
                case TAKE_BACK_LICENSE -> kit.licenses().allocate(as, license.id(), null);
                case ASSIGN_LICENSE -> kit.licenses().assignToUser(as, license.id(), targetUser.id());
                case ASSIGN_LICENSE_TO_ORGANIZATION -> kit.licenses().assignToOrganization(as, license.id(), org.id());
                case UNASSIGN_LICENSE -> kit.licenses().unassign(as, license.id());
                case SUSPEND_LICENSE -> {
                    if (number % 2 == 0) {
                        kit.licenses().suspend(as, license.id());
                    } else {
                        kit.licenses().unsuspend(as, license.id());
                    }
                }
                case REVOKE_LICENSE -> kit.licenses().revoke(as, license.id());
                case ISSUE_TRANSFER_TOKEN -> tokens.put(org.id().value() + ">" + reseller.id().value(),
                        kit.organizations().issueTransferToken(as, org.id(), reseller.id()).secret());
                case TRANSFER_ORGANIZATION -> kit.organizations().transfer(as, org.id(), reseller.id(),
                        number % 2 == 0 ? null : tokens.get(org.id().value() + ">" + reseller.id().value()));
                case GRANT_ACCESS -> kit.access().grant(as, GrantAccess.of(org.id(), targetUser.id(),
                        GRANTABLE.get(Math.floorMod(number, GRANTABLE.size())),
                        java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
                case REVOKE_ACCESS -> kit.access().revoke(as, pick(s.grants(), step.target()).id());
                case READ_USER -> {
                    kit.users().get(as, targetUser.id());
                    return Outcome.READ;
                }
                case LIST_USERS -> {
                    kit.users().list(as, UserQuery.all(), PageRequest.first(100));
                    return Outcome.READ;
                }
            }
            return Outcome.CHANGED;
        } catch (AccessDeniedException | QuotaExceededException e) {
            return Outcome.REFUSED;
        } catch (ResellerKitException e) {
            return Outcome.FAILED;
        }
    }

    /**
     * The targets that let a step get through (a license it can move, an organization it can
     * delete), so that sequences reach deep states; all of them when none fits, or when the
     * step's number is -1, so that the refusals of unfit targets are tried too.
     */
    private static <T> List<T> preferring(List<T> all, Predicate<T> fit, Step step) {
        List<T> fitting = all.stream().filter(fit).toList();
        return fitting.isEmpty() || step.number() == -1 ? all : fitting;
    }

    private static Predicate<License> fitFor(Kind kind) {
        return switch (kind) {
            case ALLOCATE_LICENSE -> l -> l.resellerId() == null && !l.revoked();
            case TAKE_BACK_LICENSE -> l -> l.resellerId() != null && !l.isAssigned() && !l.revoked();
            case UNASSIGN_LICENSE -> License::isAssigned;
            default -> l -> !l.revoked();
        };
    }

    private static boolean isUnused(Snapshot s, Organization o) {
        return s.users().stream().noneMatch(u -> o.id().equals(u.organizationId()))
                && s.licenses().stream().noneMatch(l -> o.id().equals(l.assignedOrganization()));
    }

    private static boolean isUnused(Snapshot s, Reseller r) {
        return s.users().stream().noneMatch(u -> r.id().equals(u.resellerId()))
                && s.resellers().stream().noneMatch(c -> r.id().equals(c.parentId()))
                && s.organizations().stream().noneMatch(o -> r.id().equals(o.resellerId()))
                && s.licenses().stream().noneMatch(l -> r.id().equals(l.resellerId()));
    }

    private static CreateUser place(CreateUser c, Step step, Organization org, Reseller reseller) {
        return switch (Math.floorMod(step.number(), 3)) {
            case 0 -> org == null ? c : c.inOrganization(org.id());
            case 1 -> reseller == null ? c : c.inReseller(reseller.id());
            default -> c;
        };
    }

    /** A license quota is not carved from a parent's, so only the vendor ever gives or changes one. */
    private static void assertOnlyTheVendorChangedALicenseQuota(Snapshot before, Snapshot after, List<AuditEvent> added,
                                                               String at) {
        for (Reseller r : after.resellers()) {
            int was = before.resellers().stream().filter(b -> b.id().equals(r.id()))
                    .mapToInt(Reseller::allowedLicenses).findFirst().orElse(0);
            if (r.allowedLicenses() != was) {
                assertEquals(Role.ADMIN, added.get(0).actorRole(), at + ": license quota of " + r.id().value());
            }
        }
    }

    /** A user created or given a role by anyone but the vendor ranks below its creator. */
    private static void assertNoRoleGrantedAtOrAboveTheActors(Snapshot before, Snapshot after, AuditEvent event,
                                                              String at) {
        if (event.actorRole() == Role.ADMIN || !event.resourceType().equals("user")) {
            return;
        }
        for (User u : after.users()) {
            boolean changed = before.users().stream().noneMatch(b -> b.equals(u));
            if (changed) {
                assertTrue(u.role().isBelow(event.actorRole()), at + ": " + event.actorRole() + " gave " + u.role());
            }
        }
    }

    /**
     * A call that took slots (a create, a role change, a child's cap carved out) found room under
     * the cap of that moment, at every tier.
     */
    private static void assertSlotsTakenOnlyBelowTheirCaps(Snapshot before, Snapshot after, String at) {
        for (Reseller r : before.resellers()) {
            check(before, after, UsageCounter.Kind.RESELLER_USERS, r.id().value(), r.allowedUsers(), at);
            check(before, after, UsageCounter.Kind.RESELLER_ORGANIZATIONS, r.id().value(), r.allowedOrganizations(), at);
            check(before, after, UsageCounter.Kind.RESELLER_LICENSES, r.id().value(), r.allowedLicenses(), at);
        }
        for (Organization o : before.organizations()) {
            check(before, after, UsageCounter.Kind.ORGANIZATION_USERS, o.id().value(), o.allowedUsers(), at);
        }
    }

    private static void check(Snapshot before, Snapshot after, UsageCounter.Kind kind, String owner, long limit,
                              String at) {
        long was = StateInvariants.counter(before, kind, owner);
        long now = StateInvariants.counter(after, kind, owner);
        if (now > was && limit != -1) {
            assertTrue(now <= limit, at + ": " + kind + " of " + owner + " grew from " + was + " past cap " + limit);
        }
    }

    /**
     * No list shows anything outside the lister's scope (an oracle written apart from the core's
     * Scope): a reseller's staff see their reseller's subtree, as the snapshot's parent links say.
     */
    private static void assertListsStayInScope(ResellerKit kit, Snapshot s, String at) {
        for (User actor : s.users()) {
            RequestContext as = RequestContext.of(actor.id());
            switch (actor.role()) {
                case RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY -> {
                    Set<Object> reach = subtree(s, actor.resellerId());
                    for (User u : kit.users().list(as, UserQuery.all(), PageRequest.first(100)).items()) {
                        assertTrue(reach.contains(u.resellerId()), at + ": user outside the subtree");
                    }
                    for (Organization o : kit.organizations().list(as, OrganizationQuery.all(), PageRequest.first(100))
                            .items()) {
                        assertTrue(reach.contains(o.resellerId()), at + ": organization outside the subtree");
                    }
                    for (License l : kit.licenses().list(as, LicenseQuery.all(), PageRequest.first(100)).items()) {
                        assertTrue(reach.contains(l.resellerId()), at + ": license outside the subtree");
                    }
                    for (Reseller r : kit.resellers().list(as, ResellerQuery.all(), PageRequest.first(100)).items()) {
                        assertTrue(reach.contains(r.id()), at + ": reseller outside the subtree");
                    }
                }
                case ORGANIZATION_ADMIN -> {
                    for (User u : kit.users().list(as, UserQuery.all(), PageRequest.first(100)).items()) {
                        assertTrue(Objects.equals(actor.organizationId(), u.organizationId()), at + ": outside org");
                    }
                    for (License l : kit.licenses().list(as, LicenseQuery.all(), PageRequest.first(100)).items()) {
                        assertEquals(actor.organizationId(), l.assignedOrganization(), at + ": license outside org");
                    }
                }
                case USER -> {
                    for (License l : kit.licenses().list(as, LicenseQuery.all(), PageRequest.first(100)).items()) {
                        assertEquals(actor.id(), l.assignedUser(), at + ": license of someone else");
                    }
                }
                case ADMIN -> {
                    // The vendor sees everything; nothing to check.
                }
            }
        }
    }

    /** A reseller's id and the ids of every reseller below it, from the snapshot's parent links. */
    private static Set<Object> subtree(Snapshot s, Object root) {
        Set<Object> ids = new HashSet<>();
        ids.add(root);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Reseller r : s.resellers()) {
                if (r.parentId() != null && ids.contains(r.parentId())) {
                    grew |= ids.add(r.id());
                }
            }
        }
        return ids;
    }

    /** What {@link Kind#GRANT_ACCESS} lends: a read, a write, or more than the grantor may hold. */
    private static final List<Set<AccessPermission>> GRANTABLE = List.of(Set.of(AccessPermission.USER_READ),
            Set.of(AccessPermission.USER_READ, AccessPermission.USER_UPDATE, AccessPermission.USER_CREATE),
            Set.of(AccessPermission.values()));

    /** The reseller staff besides its admins, created by {@link Kind#CREATE_RESELLER_STAFF}. */
    private static final List<Role> STAFF_KINDS = List.of(Role.RESELLER_SALES, Role.RESELLER_SUPPORT,
            Role.RESELLER_READ_ONLY);

    /**
     * Biased toward those who may change things, so sequences reach deep states: 1/3 the vendor,
     * then reseller admins, the other staff, organization admins, anyone.
     */
    private static User actor(List<User> users, int index) {
        Predicate<User> kind = index < 14 ? u -> u.role() == Role.ADMIN
                : index < 22 ? u -> u.role() == Role.RESELLER_ADMIN
                : index < 27 ? u -> STAFF_KINDS.contains(u.role())
                : index < 31 ? u -> u.role() == Role.ORGANIZATION_ADMIN : u -> true;
        List<User> candidates = users.stream().filter(kind).toList();
        return pick(candidates.isEmpty() ? users : candidates, index);
    }

    /** The element at {@code index}, wrapping around; null if there is none. */
    private static <T> T pick(List<T> from, int index) {
        return from.isEmpty() ? null : from.get(Math.floorMod(index, from.size()));
    }
}
