package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random sequences of operations by random actors (every stored user, whatever its role),
 * checking after every step that: usage counters equal live rows; no create went past a cap;
 * every change left exactly one event and every refusal exactly one refusal event, and
 * anything else none; a refused or failed call changed nothing; and no list shows a user,
 * organization or license outside the lister's scope. A failing sequence is shrunk by jqwik
 * to a short reproduction.
 */
public abstract class RandomUseContract {
    /** A storage holding no rows; called once per sequence. */
    protected abstract Storage emptyStorage();

    /** What a step does. */
    public enum Kind {
        CREATE_USER, CREATE_ORGANIZATION_ADMIN, CREATE_RESELLER_ADMIN, CREATE_ORGANIZATION, DELETE_USER,
        DELETE_ORGANIZATION, CHANGE_ROLE, ASSIGN_LICENSE, UNASSIGN_LICENSE, SUSPEND_RESELLER, REACTIVATE_RESELLER,
        CHANGE_QUOTAS, READ_USER, LIST_USERS
    }

    /** One step: who acts (an index into the stored users), what, on what (an index), with which number. */
    public record Step(int actor, Kind kind, int target, int number) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(-1, 5)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void invariantsHoldAfterEveryStep(@ForAll("sequences") List<Step> steps) {
        SecurityCounts.add(this, "random sequences", 1);
        Storage storage = emptyStorage();
        World w = new World(storage, 4, 2);
        Snapshot before = Snapshot.of(storage);
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
                    if (before.withoutEvents().equals(after.withoutEvents())) {
                        assertEquals(List.of(), added, at + ": a call that changed nothing leaves no event");
                    } else {
                        assertEquals(1, added.size(), at + ": one event per change " + added);
                        assertTrue(!isRefusal(added.get(0)), at);
                    }
                }
                case READ -> {
                    assertEquals(List.of(), added, at + ": a read leaves no event");
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at);
                }
                case REFUSED -> {
                    assertEquals(1, added.size(), at + ": one event per refusal " + added);
                    assertTrue(isRefusal(added.get(0)), at);
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at + ": a refusal changes nothing");
                }
                case FAILED -> {
                    assertEquals(List.of(), added, at + ": a failed call leaves no event");
                    assertEquals(before.withoutEvents(), after.withoutEvents(), at + ": a failed call changes nothing");
                }
            }
            if (outcome == Outcome.CHANGED && step.kind().name().startsWith("CREATE_")) {
                assertCreateStayedWithinCaps(before, after, at);
            }
            if (outcome == Outcome.CHANGED && !added.isEmpty()) {
                assertNoRoleGrantedAtOrAboveTheActors(before, after, added.get(0), at);
            }
            assertCountersEqualLiveRows(after, at);
            assertListsStayInScope(w.kit, after, at);
            before = after;
        }
    }

    enum Outcome { CHANGED, READ, REFUSED, FAILED }

    private static Outcome run(ResellerKit kit, Snapshot s, Step step) {
        User actor = actor(s.users(), step.actor());
        RequestContext as = RequestContext.of(actor.id());
        User targetUser = pick(s.users(), step.target());
        Organization org = s.organizations().isEmpty() ? null : pick(s.organizations(), step.target());
        Reseller reseller = pick(s.resellers(), step.target());
        License license = pick(s.licenses(), step.target());
        String email = "r" + s.users().size() + "-" + step.target() + "-" + s.events().size() + "@random.example";
        try {
            switch (step.kind()) {
                case CREATE_USER -> kit.users().create(as, place(CreateUser.of("R", "User", email, Role.USER), step,
                        org, reseller));
                case CREATE_ORGANIZATION_ADMIN -> kit.users().create(as, CreateUser.of("R", "OrgAdmin", email,
                        Role.ORGANIZATION_ADMIN).inOrganization(org == null ? null : org.id()));
                case CREATE_RESELLER_ADMIN -> kit.users().create(as, CreateUser.of("R", "Staff", email,
                        Role.RESELLER_ADMIN).inReseller(reseller.id()));
                case CREATE_ORGANIZATION -> kit.organizations().create(as, CreateOrganization.of("Org " + email,
                        email, step.number(), reseller.id()));
                case DELETE_USER -> kit.users().delete(as, targetUser.id());
                case DELETE_ORGANIZATION -> kit.organizations().delete(as, org.id());
                case CHANGE_ROLE -> kit.users().update(as, targetUser.id(),
                        UpdateUser.changes().withRole(Role.values()[Math.floorMod(step.number(), 4)]));
                case ASSIGN_LICENSE -> kit.licenses().assignToUser(as, license.id(), targetUser.id());
                case UNASSIGN_LICENSE -> kit.licenses().unassign(as, license.id());
                case SUSPEND_RESELLER -> kit.resellers().suspend(as, reseller.id());
                case REACTIVATE_RESELLER -> kit.resellers().reactivate(as, reseller.id());
                case CHANGE_QUOTAS -> kit.resellers().changeQuotas(as, reseller.id(),
                        new ChangeQuotas(step.number(), step.number() + 1, null));
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

    private static CreateUser place(CreateUser c, Step step, Organization org, Reseller reseller) {
        return switch (Math.floorMod(step.number(), 3)) {
            case 0 -> org == null ? c : c.inOrganization(org.id());
            case 1 -> c.inReseller(reseller.id());
            default -> c;
        };
    }

    private static boolean isRefusal(AuditEvent e) {
        return e.action().equals(AuditAction.ACCESS_DENIED) || e.action().equals(AuditAction.QUOTA_EXCEEDED);
    }

    /** Every counter equals the rows it counts: the reference rule, written independently of the core. */
    private static void assertCountersEqualLiveRows(Snapshot s, String at) {
        for (Reseller r : s.resellers()) {
            long users = s.users().stream().filter(u -> r.id().equals(u.resellerId()))
                    .filter(u -> u.role() != Role.RESELLER_ADMIN).count();
            long orgs = s.organizations().stream().filter(o -> r.id().equals(o.resellerId())).count();
            assertEquals(users, counter(s, UsageCounter.Kind.RESELLER_USERS, r.id().value()), at + " users of " + r.name());
            assertEquals(orgs, counter(s, UsageCounter.Kind.RESELLER_ORGANIZATIONS, r.id().value()), at);
        }
        for (Organization o : s.organizations()) {
            long members = s.users().stream().filter(u -> o.id().equals(u.organizationId())).count();
            assertEquals(members, counter(s, UsageCounter.Kind.ORGANIZATION_USERS, o.id().value()), at);
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

    /** A create that succeeded found room under every cap that applies. */
    private static void assertCreateStayedWithinCaps(Snapshot before, Snapshot after, String at) {
        for (Reseller r : before.resellers()) {
            check(before, after, UsageCounter.Kind.RESELLER_USERS, r.id().value(), r.allowedUsers(), at);
            check(before, after, UsageCounter.Kind.RESELLER_ORGANIZATIONS, r.id().value(), r.allowedOrganizations(), at);
        }
        for (Organization o : before.organizations()) {
            check(before, after, UsageCounter.Kind.ORGANIZATION_USERS, o.id().value(), o.allowedUsers(), at);
        }
    }

    private static void check(Snapshot before, Snapshot after, UsageCounter.Kind kind, String owner, long limit,
                              String at) {
        long was = counter(before, kind, owner);
        long now = counter(after, kind, owner);
        if (now > was && limit != -1) {
            assertTrue(was < limit, at + ": " + kind + " of " + owner + " grew from " + was + " past cap " + limit);
        }
    }

    /** No list shows anything outside the lister's scope (an oracle written apart from the core's Scope). */
    private static void assertListsStayInScope(ResellerKit kit, Snapshot s, String at) {
        for (User actor : s.users()) {
            RequestContext as = RequestContext.of(actor.id());
            switch (actor.role()) {
                case RESELLER_ADMIN -> {
                    for (User u : kit.users().list(as, UserQuery.all(), PageRequest.first(100)).items()) {
                        assertEquals(actor.resellerId(), u.resellerId(), at + ": user outside reseller");
                    }
                    for (Organization o : kit.organizations().list(as, OrganizationQuery.all(), PageRequest.first(100))
                            .items()) {
                        assertEquals(actor.resellerId(), o.resellerId(), at + ": organization outside reseller");
                    }
                    for (License l : kit.licenses().list(as, LicenseQuery.all(), PageRequest.first(100)).items()) {
                        assertEquals(actor.resellerId(), l.resellerId(), at + ": license outside reseller");
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

    private static long counter(Snapshot s, UsageCounter.Kind kind, String owner) {
        return s.counters().getOrDefault(kind + "/" + owner, 0L);
    }

    /** Biased toward those who may change things, so sequences reach deep states: 1/4 the vendor, then staff. */
    private static User actor(List<User> users, int index) {
        Role role = index < 10 ? Role.ADMIN : index < 20 ? Role.RESELLER_ADMIN : index < 28 ? Role.ORGANIZATION_ADMIN : null;
        List<User> candidates = role == null ? users : users.stream().filter(u -> u.role() == role).toList();
        return pick(candidates.isEmpty() ? users : candidates, index);
    }

    private static <T> T pick(List<T> from, int index) {
        return from.get(Math.floorMod(index, from.size()));
    }
}
