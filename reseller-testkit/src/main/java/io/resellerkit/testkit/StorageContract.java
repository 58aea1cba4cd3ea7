package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.model.AuditAction;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.Entity;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.TimeRange;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.EntityStore;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters.Reservation;
import io.resellerkit.spi.UserAndReseller;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every storage adapter passes, port by port: round trips of every field,
 * optimistic locking, unique values, references between rows, each filter, keyset paging, usage
 * counters and units of work. An adapter's test extends it and supplies an empty storage; see {@link ResellerKitContract}
 * for the same adapter driven through the public API, concurrency included.
 */
public abstract class StorageContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    protected Storage storage;
    private final Rows rows = new Rows();

    @BeforeEach
    void startEmpty() {
        storage = emptyStorage();
    }

    private <T> T write(Supplier<T> work) {
        return storage.unitOfWork().write(work);
    }

    private void run(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    private <T> T read(Supplier<T> work) {
        return storage.unitOfWork().read(work);
    }

    /** Appends an event as the next link of a chain of its own reseller, inside the open unit. */
    private void append(AuditEvent e) {
        AuditTrail trail = storage.auditTrail();
        ChainHead head = trail.lockChain("test/" + e.resellerId());
        trail.append(e, ChainLink.after(head, e));
    }

    private Reseller storedReseller(String name, int second) {
        Reseller r = rows.reseller(name, Rows.at(second));
        run(() -> storage.resellers().insert(r));
        return r;
    }

    private User storedUser(String email, ResellerId reseller, int second) {
        User u = rows.user(email, Role.USER, reseller, null, Rows.at(second));
        run(() -> storage.users().insert(u));
        return u;
    }

    // ---- round trips ----

    @Test
    void resellerReadsBackWithEveryField() {
        Reseller r = storedReseller("Acme", 0);
        assertEquals(r, read(() -> storage.resellers().findById(r.id())).orElseThrow());
    }

    @Test
    void resellerWithoutOptionalFieldsReadsBackWithNulls() {
        Reseller r = new Reseller(ResellerId.of(rows.id("r")), "Bare", "bare@x.example", null, null, -1, 0,
                ResellerStatus.SUSPENDED, null, Map.of(), 1, Rows.at(0), Rows.at(1));
        run(() -> storage.resellers().insert(r));
        assertEquals(r, read(() -> storage.resellers().findById(r.id())).orElseThrow());
    }

    @Test
    void userReadsBackWithEveryField() {
        Reseller r = storedReseller("Acme", 0);
        Organization o = rows.organization("Org", r.id(), Rows.at(1));
        run(() -> storage.organizations().insert(o));
        User u = rows.user("ada@example.com", Role.ORGANIZATION_ADMIN, r.id(), o.id(), Rows.at(2));
        run(() -> storage.users().insert(u));
        assertEquals(u, read(() -> storage.users().findById(u.id())).orElseThrow());
    }

    @Test
    void organizationReadsBackWithEveryField() {
        Reseller r = storedReseller("Acme", 0);
        Organization o = rows.organization("Org", r.id(), Rows.at(1));
        run(() -> storage.organizations().insert(o));
        assertEquals(o, read(() -> storage.organizations().findById(o.id())).orElseThrow());
    }

    @Test
    void licenseReadsBackWithEveryField() {
        Reseller r = storedReseller("Acme", 0);
        User u = storedUser("u@example.com", r.id(), 1);
        License l = rows.license("pro", r.id(), Rows.at(3600), Rows.at(2)).assignedTo(u.id(), null, Rows.at(3));
        License stored = new License(l.id(), l.key(), l.productId(), -1, l.expiresAt(), true, true, l.resellerId(),
                l.assignedUser(), null, Map.of("k", "v"), 1, l.createdAt(), l.updatedAt());
        run(() -> storage.licenses().insert(stored));
        assertEquals(stored, read(() -> storage.licenses().findById(stored.id())).orElseThrow());
    }

    @Test
    void chainLinksReadBackInSequenceOrderAsStoredAndTheHeadFollowsTheLastOne() {
        Reseller r = storedReseller("Acme", 0);
        List<AuditEvent> events = List.of(rows.event(AuditAction.USER_CREATED, r.id(), UserId.of("a"), "u1", Rows.at(9)),
                rows.event(AuditAction.USER_UPDATED, r.id(), UserId.of("a"), "u1", Rows.at(7)),
                rows.event(AuditAction.USER_DELETED, r.id(), UserId.of("a"), "u1", Rows.at(8)));
        List<ChainedEvent> written = new ArrayList<>();
        run(() -> events.forEach(e -> {
            ChainLink link = ChainLink.after(storage.auditTrail().lockChain("c"), e);
            storage.auditTrail().append(e, link);
            written.add(new ChainedEvent(e, link));
        }));
        run(() -> append(rows.event(AuditAction.USER_CREATED, null, UserId.of("a"), "u2", Rows.at(9))));
        assertEquals(written.subList(0, 2), read(() -> storage.auditTrail().chain("c", 0, 2)));
        assertEquals(written.subList(2, 3), read(() -> storage.auditTrail().chain("c", 2, 10)));
        assertEquals(List.of(), read(() -> storage.auditTrail().chain("c", 3, 10)));
        ChainLink last = written.get(2).link();
        assertEquals(Optional.of(new ChainHead("c", 3, last.hash())), read(() -> storage.auditTrail().chainHead("c")));
        assertEquals(Optional.empty(), read(() -> storage.auditTrail().chainHead("none")));
        assertEquals(ChainHead.empty("none"), write(() -> storage.auditTrail().lockChain("none")));
    }

    @Test
    void anAppendRolledBackLeavesTheChainAndItsHeadAsTheyWere() {
        Reseller r = storedReseller("Acme", 0);
        AuditEvent first = rows.event(AuditAction.USER_CREATED, r.id(), UserId.of("a"), "u1", Rows.at(5));
        run(() -> storage.auditTrail().append(first, ChainLink.after(storage.auditTrail().lockChain("c"), first)));
        ChainHead before = read(() -> storage.auditTrail().chainHead("c")).orElseThrow();
        IllegalStateException failure = new IllegalStateException("the unit fails");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(() -> {
            AuditEvent e = rows.event(AuditAction.USER_DELETED, r.id(), UserId.of("a"), "u1", Rows.at(6));
            storage.auditTrail().append(e, ChainLink.after(storage.auditTrail().lockChain("c"), e));
            throw failure;
        })));
        assertEquals(Optional.of(before), read(() -> storage.auditTrail().chainHead("c")));
        assertEquals(1, read(() -> storage.auditTrail().chain("c", 0, 10)).size());
    }

    @Test
    void anAppendThatDoesNotFollowTheChainsHeadIsRefusedAndWritesNothing() {
        AuditEvent e = rows.event(AuditAction.USER_CREATED, null, UserId.of("a"), "u1", Rows.at(5));
        assertThrows(IllegalStateException.class, () -> run(() -> {
            storage.auditTrail().lockChain("c");
            storage.auditTrail().append(e, new ChainLink("c", 2, ChainLink.GENESIS, ChainLink.hash(e, ChainLink.GENESIS)));
        }));
        assertEquals(List.of(), read(() -> storage.auditTrail().find(AuditQuery.all(), null, 10)));
    }

    @Test
    void auditEventReadsBackWithEveryField() {
        Reseller r = storedReseller("Acme", 0);
        AuditEvent e = rows.event(AuditAction.USER_CREATED, r.id(), UserId.of("actor-1"), "user-1", Rows.at(5));
        AuditEvent bare = new AuditEvent(AuditEventId.of(rows.id("e")), Rows.at(6),
                UserId.of("ghost"), null, null, null, null, AuditAction.ACCESS_DENIED, "user", null, null, List.of(), null,
                null, null, "no such user");
        run(() -> {
            append(e);
            append(bare);
        });
        assertEquals(List.of(bare, e), read(() -> storage.auditTrail().find(AuditQuery.all(), null, 10)));
    }

    @Test
    void aUserReadsBackWithItsResellerInOneLookupAndWithoutOneWhenItHasNone() {
        Reseller r = storedReseller("Acme", 0);
        Reseller other = storedReseller("Other", 1);
        User inReseller = storedUser("staff@acme.example", r.id(), 2);
        User vendor = storedUser("vendor@vendor.example", null, 3);
        assertEquals(new UserAndReseller(inReseller, r),
                read(() -> storage.findUserAndReseller(inReseller.id())).orElseThrow());
        assertEquals(new UserAndReseller(vendor, null), read(() -> storage.findUserAndReseller(vendor.id())).orElseThrow());
        assertTrue(read(() -> storage.findUserAndReseller(UserId.of("nope"))).isEmpty());
        assertEquals(other, read(() -> storage.resellers().findById(other.id())).orElseThrow(), "not mixed up");
    }

    @Test
    void missingIdsAreEmpty() {
        assertTrue(read(() -> storage.resellers().findById(ResellerId.of("nope"))).isEmpty());
        assertTrue(read(() -> storage.users().findById(UserId.of("nope"))).isEmpty());
    }

    // ---- optimistic locking ----

    @Test
    void updateWithNextVersionReplacesTheRow() {
        Reseller r = storedReseller("Acme", 0);
        Reseller changed = r.withQuotas(20, 30, Rows.at(9));
        run(() -> storage.resellers().update(changed));
        Reseller read = read(() -> storage.resellers().findById(r.id())).orElseThrow();
        assertEquals(changed, read);
        assertEquals(2, read.version());
    }

    @Test
    void updateFromAStaleVersionIsAConflictAndChangesNothing() {
        Reseller r = storedReseller("Acme", 0);
        run(() -> storage.resellers().update(r.withQuotas(20, 30, Rows.at(9))));
        ConflictException e = assertThrows(ConflictException.class,
                () -> run(() -> storage.resellers().update(r.withQuotas(1, 1, Rows.at(10)))));
        assertEquals(ConflictException.Kind.STALE_VERSION, e.kind());
        assertEquals(20, read(() -> storage.resellers().findById(r.id())).orElseThrow().allowedUsers());
    }

    @Test
    void updateOfADeletedRowIsAStaleVersionConflict() {
        Reseller r = storedReseller("Acme", 0);
        run(() -> storage.resellers().delete(r.id(), 1));
        ConflictException e = assertThrows(ConflictException.class,
                () -> run(() -> storage.resellers().update(r.withQuotas(1, 1, Rows.at(10)))));
        assertEquals(ConflictException.Kind.STALE_VERSION, e.kind());
    }

    @Test
    void deleteWithTheStoredVersionRemovesTheRowAndAStaleOneIsAConflict() {
        Reseller r = storedReseller("Acme", 0);
        ConflictException e = assertThrows(ConflictException.class,
                () -> run(() -> storage.resellers().delete(r.id(), 7)));
        assertEquals(ConflictException.Kind.STALE_VERSION, e.kind());
        run(() -> storage.resellers().delete(r.id(), 1));
        assertTrue(read(() -> storage.resellers().findById(r.id())).isEmpty());
    }

    // ---- unique values ----

    @Test
    void secondUserWithTheSameEmailIsADuplicateConflict() {
        storedUser("same@example.com", null, 0);
        ConflictException e = assertThrows(ConflictException.class, () -> storedUser("same@example.com", null, 1));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
        assertEquals(1, read(() -> storage.users().find(UserQuery.all(), null, 10)).size());
    }

    @Test
    void updatingAUserToAnotherUsersEmailIsADuplicateConflict() {
        storedUser("one@example.com", null, 0);
        User two = storedUser("two@example.com", null, 1);
        ConflictException e = assertThrows(ConflictException.class, () -> run(() -> storage.users().update(
                two.withDetails("A", "B", "one@example.com", Role.USER, Map.of(), Rows.at(5)))));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
        assertEquals("two@example.com", read(() -> storage.users().findById(two.id())).orElseThrow().email());
    }

    @Test
    void deletedUsersEmailCanBeTakenAgain() {
        User u = storedUser("again@example.com", null, 0);
        run(() -> storage.users().delete(u.id(), 1));
        User again = storedUser("again@example.com", null, 1);
        assertEquals(again, read(() -> storage.users().findById(again.id())).orElseThrow());
    }

    @Test
    void secondLicenseWithTheSameKeyIsADuplicateConflict() {
        License l = rows.license("pro", null, null, Rows.at(0));
        run(() -> storage.licenses().insert(l));
        License copy = new License(io.resellerkit.model.LicenseId.of(rows.id("l")), l.key(), "other", 1, null, false,
                false, null, null, null, Map.of(), 1, Rows.at(1), Rows.at(1));
        ConflictException e = assertThrows(ConflictException.class, () -> run(() -> storage.licenses().insert(copy)));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
    }

    // ---- references between rows ----

    @Test
    void insertReferringToAMissingRowIsNotFoundNamingItAndStoresNothing() {
        Reseller r = storedReseller("A", 0);
        ResellerId ghostReseller = ResellerId.of("ghost-reseller");
        assertMissing("organization", "ghost-org", () -> storage.users().insert(
                rows.user("a@example.com", Role.USER, r.id(), OrganizationId.of("ghost-org"), Rows.at(1))));
        assertMissing("reseller", "ghost-reseller", () -> storage.users().insert(
                rows.user("b@example.com", Role.USER, ghostReseller, null, Rows.at(1))));
        assertMissing("reseller", "ghost-reseller", () -> storage.organizations().insert(
                rows.organization("Org", ghostReseller, Rows.at(1))));
        assertMissing("reseller", "ghost-reseller", () -> storage.licenses().insert(
                rows.license("pro", ghostReseller, null, Rows.at(1))));
        assertMatches(List.of(), storage.users(), UserQuery.all());
        assertMatches(List.of(), storage.organizations(), OrganizationQuery.all());
        assertMatches(List.of(), storage.licenses(), LicenseQuery.all());
    }

    @Test
    void updateReferringToAMissingRowIsNotFoundNamingItAndChangesNothing() {
        Reseller r = storedReseller("A", 0);
        License l = rows.license("pro", r.id(), null, Rows.at(1));
        run(() -> storage.licenses().insert(l));
        assertMissing("user", "ghost-user",
                () -> storage.licenses().update(l.assignedTo(UserId.of("ghost-user"), null, Rows.at(2))));
        assertMissing("organization", "ghost-org",
                () -> storage.licenses().update(l.assignedTo(null, OrganizationId.of("ghost-org"), Rows.at(2))));
        assertMissing("reseller", "ghost-reseller",
                () -> storage.licenses().update(l.allocatedTo(ResellerId.of("ghost-reseller"), Rows.at(2))));
        assertEquals(l, read(() -> storage.licenses().findById(l.id())).orElseThrow());
    }

    @Test
    void aChildResellerReadsBackWithItsParentIsFoundByItAndKeepsItsParentFromBeingDeleted() {
        Reseller parent = storedReseller("Parent", 0);
        Reseller other = storedReseller("Other", 1);
        Reseller template = rows.reseller("Child", Rows.at(2));
        Reseller child = new Reseller(template.id(), template.name(), template.email(), template.phone(),
                template.companyAddress(), 3, 1, template.status(), template.contractEndsAt(), template.metadata(), 1,
                template.createdAt(), template.updatedAt(), parent.id());
        run(() -> storage.resellers().insert(child));
        assertEquals(child, read(() -> storage.resellers().findById(child.id())).orElseThrow());
        assertEquals(List.of(child), read(() -> storage.resellers().find(
                ResellerQuery.all().withParentIds(Set.of(parent.id(), other.id())), null, 10)));
        assertEquals(List.of(), read(() -> storage.resellers().find(
                ResellerQuery.all().withParentIds(Set.of()), null, 10)), "an empty in-set matches nothing");
        assertInUse(() -> storage.resellers().delete(parent.id(), 1));
        Reseller orphan = new Reseller(ResellerId.of(rows.id("r")), "Orphan", "o@x.example", null, null, 1, 1,
                ResellerStatus.ACTIVE, null, Map.of(), 1, Rows.at(3), Rows.at(3), ResellerId.of("no-such-parent"));
        assertThrows(NotFoundException.class, () -> run(() -> storage.resellers().insert(orphan)));
        run(() -> storage.resellers().delete(child.id(), 1));
        run(() -> storage.resellers().delete(parent.id(), 1));
    }

    @Test
    void deleteOfARowOthersReferToIsInUseUntilTheyAreGone() {
        Reseller r = storedReseller("A", 0);
        Organization o = rows.organization("Org", r.id(), Rows.at(1));
        run(() -> storage.organizations().insert(o));
        User member = rows.user("member@example.com", Role.USER, r.id(), o.id(), Rows.at(2));
        run(() -> storage.users().insert(member));
        User holder = storedUser("holder@example.com", r.id(), 3);
        License toHolder = asNew(rows.license("pro", r.id(), null, Rows.at(4)).assignedTo(holder.id(), null, Rows.at(4)));
        License toOrg = asNew(rows.license("pro", r.id(), null, Rows.at(5)).assignedTo(null, o.id(), Rows.at(5)));
        License spare = rows.license("pro", r.id(), null, Rows.at(6));
        run(() -> List.of(toHolder, toOrg, spare).forEach(storage.licenses()::insert));

        assertInUse(() -> storage.resellers().delete(r.id(), 1));
        assertInUse(() -> storage.organizations().delete(o.id(), 1));
        assertInUse(() -> storage.users().delete(holder.id(), 1));
        run(() -> storage.licenses().delete(toHolder.id(), 1));
        run(() -> storage.users().delete(holder.id(), 1));
        run(() -> storage.users().delete(member.id(), 1));
        assertInUse(() -> storage.organizations().delete(o.id(), 1)); // a license alone
        run(() -> storage.licenses().delete(toOrg.id(), 1));
        run(() -> storage.organizations().delete(o.id(), 1));
        assertInUse(() -> storage.resellers().delete(r.id(), 1)); // a license alone
        run(() -> storage.licenses().delete(spare.id(), 1));
        User staff = storedUser("staff@example.com", r.id(), 7);
        assertInUse(() -> storage.resellers().delete(r.id(), 1)); // a user alone
        run(() -> storage.users().delete(staff.id(), 1));
        Organization other = rows.organization("Other", r.id(), Rows.at(8));
        run(() -> storage.organizations().insert(other));
        assertInUse(() -> storage.resellers().delete(r.id(), 1)); // an organization alone
        run(() -> storage.organizations().delete(other.id(), 1));
        run(() -> storage.resellers().delete(r.id(), 1));
        assertTrue(read(() -> storage.resellers().findById(r.id())).isEmpty());
    }

    // ---- filters ----

    @Test
    void userFiltersMatchAsTheQueryDefines() {
        Reseller a = storedReseller("A", 0);
        Reseller b = storedReseller("B", 1);
        Organization o = rows.organization("Org", a.id(), Rows.at(2));
        run(() -> storage.organizations().insert(o));
        User alice = storedUser("alice@acme.example", a.id(), 10);
        User bob = rows.user("bob_100%@acme.example", Role.ORGANIZATION_ADMIN, a.id(), o.id(), Rows.at(20));
        run(() -> storage.users().insert(bob));
        User carol = storedUser("carol@beta.example", b.id(), 30);
        User dave = storedUser("dave@nowhere.example", null, 40);

        assertMatches(List.of(alice, bob), storage.users(), UserQuery.all().inReseller(a.id()));
        assertMatches(List.of(alice, bob, carol), storage.users(), UserQuery.all().withResellerIds(Set.of(a.id(), b.id())));
        assertMatches(List.of(bob), storage.users(), UserQuery.all().inOrganization(o.id()));
        assertMatches(List.of(bob), storage.users(), UserQuery.all().withRoles(Set.of(Role.ORGANIZATION_ADMIN)));
        assertMatches(List.of(alice, carol, dave), storage.users(), UserQuery.all().withRoles(Set.of(Role.USER)));
        assertMatches(List.of(carol), storage.users(), UserQuery.all().withIds(Set.of(carol.id())));
        assertMatches(List.of(alice), storage.users(), UserQuery.all().withEmail(TextMatch.equalTo("ALICE@acme.example")));
        assertMatches(List.of(alice, bob), storage.users(), UserQuery.all().withEmail(TextMatch.contains("@acme.")));
        assertMatches(List.of(carol), storage.users(), UserQuery.all().withEmail(TextMatch.startsWith("car")));
        assertMatches(List.of(bob), storage.users(), UserQuery.all().withEmail(TextMatch.contains("_100%")));
        assertMatches(List.of(), storage.users(), UserQuery.all().withEmail(TextMatch.contains("b%b")));
        assertMatches(List.of(bob, carol), storage.users(),
                UserQuery.all().withCreatedAt(new TimeRange(Rows.at(20), Rows.at(40))));
        assertMatches(List.of(dave), storage.users(), UserQuery.all().withCreatedAt(TimeRange.since(Rows.at(40))));
        assertMatches(List.of(alice), storage.users(),
                UserQuery.all().inReseller(a.id()).withRoles(Set.of(Role.USER)));
    }

    /**
     * Every set filter of every query, empty, on tables whose rows every other filter (none)
     * lets through, and whose filtered columns all hold values: an adapter that reads an empty
     * set as "no filter" returns them.
     */
    @Test
    void anEmptyInFilterMatchesNothing() {
        Reseller a = storedReseller("A", 0);
        Organization o = rows.organization("Org", a.id(), Rows.at(1));
        run(() -> storage.organizations().insert(o));
        User u = rows.user("x@example.com", Role.ORGANIZATION_ADMIN, a.id(), o.id(), Rows.at(2));
        run(() -> storage.users().insert(u));
        License toUser = asNew(rows.license("pro", a.id(), null, Rows.at(3)).assignedTo(u.id(), null, Rows.at(3)));
        License toOrg = asNew(rows.license("pro", a.id(), null, Rows.at(4)).assignedTo(null, o.id(), Rows.at(4)));
        run(() -> {
            storage.licenses().insert(toUser);
            storage.licenses().insert(toOrg);
            append(rows.event(AuditAction.USER_CREATED, a.id(), u.id(), u.id().value(), Rows.at(5)));
        });
        Map<Record, Function<Record, List<?>>> queries = Map.of(
                ResellerQuery.all(), q -> read(() -> storage.resellers().find((ResellerQuery) q, null, 10)),
                UserQuery.all(), q -> read(() -> storage.users().find((UserQuery) q, null, 10)),
                OrganizationQuery.all(), q -> read(() -> storage.organizations().find((OrganizationQuery) q, null, 10)),
                LicenseQuery.all(), q -> read(() -> storage.licenses().find((LicenseQuery) q, null, 10)),
                AuditQuery.all(), q -> read(() -> storage.auditTrail().find((AuditQuery) q, null, 10)));
        int filters = 0;
        for (var query : queries.entrySet()) {
            Record all = query.getKey();
            assertFalse(query.getValue().apply(all).isEmpty(), () -> all + " finds the rows");
            for (var component : Records.components(all.getClass())) {
                if (component.getType() == Set.class) {
                    Record empty = Records.with(all, component.getName(), Set.of());
                    assertEquals(List.of(), query.getValue().apply(empty), () -> "query " + empty);
                    filters++;
                }
            }
        }
        assertTrue(filters >= 15, "every set filter of the five queries was tried");
    }

    @Test
    void resellerFiltersMatchAsTheQueryDefines() {
        Reseller acme = storedReseller("Acme Corp", 0);
        Reseller beta = storedReseller("Beta", 1);
        run(() -> storage.resellers().update(beta.withStatus(ResellerStatus.SUSPENDED, Rows.at(2))));
        Reseller betaNow = read(() -> storage.resellers().findById(beta.id())).orElseThrow();
        assertMatches(List.of(acme), storage.resellers(), ResellerQuery.all().withName(TextMatch.contains("CORP")));
        assertMatches(List.of(betaNow), storage.resellers(),
                ResellerQuery.all().withStatuses(Set.of(ResellerStatus.SUSPENDED)));
        assertMatches(List.of(acme), storage.resellers(),
                ResellerQuery.all().withEmail(TextMatch.startsWith("acme")));
        assertMatches(List.of(betaNow), storage.resellers(), ResellerQuery.all().withIds(Set.of(beta.id())));
        assertMatches(List.of(acme), storage.resellers(), ResellerQuery.all().withCreatedAt(TimeRange.before(Rows.at(1))));
    }

    @Test
    void organizationFiltersMatchAsTheQueryDefines() {
        Reseller a = storedReseller("A", 0);
        Organization one = rows.organization("Northwind", a.id(), Rows.at(1));
        Organization two = rows.organization("Contoso", null, Rows.at(2));
        run(() -> {
            storage.organizations().insert(one);
            storage.organizations().insert(two);
        });
        assertMatches(List.of(one), storage.organizations(), OrganizationQuery.all().inReseller(a.id()));
        assertMatches(List.of(two), storage.organizations(), OrganizationQuery.all().withName(TextMatch.equalTo("contoso")));
        assertMatches(List.of(one), storage.organizations(), OrganizationQuery.all().withIds(Set.of(one.id())));
        assertMatches(List.of(one, two), storage.organizations(),
                OrganizationQuery.all().withEmail(TextMatch.contains("@org.")));
        assertMatches(List.of(two), storage.organizations(),
                OrganizationQuery.all().withCreatedAt(TimeRange.since(Rows.at(2))));
    }

    @Test
    void licenseFiltersMatchAsTheQueryDefines() {
        Reseller a = storedReseller("A", 0);
        User u = storedUser("u@example.com", a.id(), 1);
        Organization o = rows.organization("Org", a.id(), Rows.at(2));
        run(() -> storage.organizations().insert(o));
        License toUser = rows.license("pro", a.id(), Rows.at(1000), Rows.at(3)).assignedTo(u.id(), null, Rows.at(3));
        License toOrg = rows.license("basic", a.id(), Rows.at(2000), Rows.at(4)).assignedTo(null, o.id(), Rows.at(4));
        License perpetual = rows.license("pro", null, null, Rows.at(5)).withSuspended(true, Rows.at(5)).revokedAt(Rows.at(5));
        List<License> all = List.of(toUser, toOrg, perpetual).stream().map(StorageContract::asNew).toList();
        run(() -> all.forEach(storage.licenses()::insert));

        assertMatches(all.subList(0, 2), storage.licenses(), LicenseQuery.all().inReseller(a.id()));
        assertMatches(List.of(all.get(0)), storage.licenses(), LicenseQuery.all().withAssignedUsers(Set.of(u.id())));
        assertMatches(List.of(all.get(1)), storage.licenses(), LicenseQuery.all().withAssignedOrganizations(Set.of(o.id())));
        assertMatches(List.of(all.get(0), all.get(2)), storage.licenses(), LicenseQuery.all().withProductIds(Set.of("pro")));
        assertMatches(List.of(all.get(2)), storage.licenses(), LicenseQuery.all().withSuspended(true));
        assertMatches(all.subList(0, 2), storage.licenses(), LicenseQuery.all().withRevoked(false));
        assertMatches(List.of(all.get(0)), storage.licenses(),
                LicenseQuery.all().withExpiresAt(TimeRange.before(Rows.at(1500))));
        assertMatches(all.subList(0, 2), storage.licenses(), LicenseQuery.all().withExpiresAt(TimeRange.since(Rows.at(0))));
    }

    @Test
    void auditFiltersMatchAsTheQueryDefines() {
        Reseller a = storedReseller("A", 0);
        Reseller b = storedReseller("B", 1);
        UserId actor1 = UserId.of("actor-1");
        UserId actor2 = UserId.of("actor-2");
        AuditEvent e1 = rows.event(AuditAction.USER_CREATED, a.id(), actor1, "u1", Rows.at(10));
        AuditEvent e2 = rows.event(AuditAction.USER_DELETED, a.id(), actor2, "u1", Rows.at(20));
        AuditEvent e3 = rows.event(AuditAction.USER_CREATED, b.id(), actor1, "u2", Rows.at(30));
        run(() -> List.of(e1, e2, e3).forEach(this::append));

        assertEquals(List.of(e3, e2, e1), events(AuditQuery.all()));
        assertEquals(List.of(e2, e1), events(AuditQuery.all().forReseller(a.id())));
        assertEquals(List.of(e3, e1), events(AuditQuery.all().withActorIds(Set.of(actor1))));
        assertEquals(List.of(e3, e1), events(AuditQuery.all().withActions(Set.of(AuditAction.USER_CREATED))));
        assertEquals(List.of(e2, e1), events(AuditQuery.all().withResource("user", "u1")));
        assertEquals(List.of(), events(AuditQuery.all().withResource("license", null)));
        assertEquals(List.of(e2), events(AuditQuery.all().withOccurredAt(new TimeRange(Rows.at(15), Rows.at(30)))));
        assertEquals(List.of(e1), events(AuditQuery.all().forReseller(a.id()).withActions(Set.of(AuditAction.USER_CREATED))
                .withOccurredAt(TimeRange.before(Rows.at(20)))));
    }

    @Test
    void auditActorEmailFilterIgnoresCaseButMatchesWholeAddressesOnly() {
        AuditEvent e1 = rows.event(AuditAction.USER_CREATED, null, UserId.of("actor-1"), "u1", Rows.at(10));
        AuditEvent e2 = rows.event(AuditAction.USER_CREATED, null, UserId.of("actor-2"), "u2", Rows.at(20));
        AuditEvent unknown = context(rows.event(AuditAction.ACCESS_DENIED, null, UserId.of("ghost"), null, Rows.at(30)),
                null, null, null);
        run(() -> List.of(e1, e2, unknown).forEach(this::append));

        assertEquals("actor-1@Example.com", e1.actorEmail());
        assertEquals(List.of(e1), events(AuditQuery.all().withActorEmails(Set.of("ACTOR-1@example.COM"))));
        assertEquals(List.of(e2, e1), events(AuditQuery.all().withActorEmails(Set.of("actor-1@example.com",
                "Actor-2@Example.com", "nobody@example.com"))));
        assertEquals(List.of(), events(AuditQuery.all().withActorEmails(Set.of("actor-1@example"))), "no prefix match");
        assertEquals(List.of(), events(AuditQuery.all().withActorEmails(Set.of("actor-_@example.com"))), "no wildcard");
        assertEquals(List.of(), events(AuditQuery.all().withActorEmails(Set.of())), "empty matches nothing");
        assertEquals(List.of(e1), events(AuditQuery.all().withActorEmails(Set.of("actor-1@example.com")).withOldestFirst()));
    }

    @Test
    void auditRequestIdFilterMatchesExactly() {
        AuditEvent e1 = rows.event(AuditAction.USER_CREATED, null, UserId.of("a"), "u1", Rows.at(10));
        AuditEvent e2 = rows.event(AuditAction.USER_CREATED, null, UserId.of("a"), "u2", Rows.at(20));
        AuditEvent none = new AuditEvent(AuditEventId.of(rows.id("e")), Rows.at(30), UserId.of("a"), null, null, null,
                null, AuditAction.USER_CREATED, "user", "u3", null, List.of(), null, null, null, null);
        run(() -> List.of(e1, e2, none).forEach(this::append));

        assertEquals(List.of(e2), events(AuditQuery.all().withRequestIds(Set.of(e2.requestId()))));
        assertEquals(List.of(e2, e1), events(AuditQuery.all().withRequestIds(Set.of(e1.requestId(), e2.requestId()))));
        assertEquals(List.of(), events(AuditQuery.all().withRequestIds(Set.of(e2.requestId().toUpperCase()))),
                "case matters");
        assertEquals(List.of(), events(AuditQuery.all().withRequestIds(Set.of("req-%"))), "no wildcard");
        assertEquals(List.of(), events(AuditQuery.all().withRequestIds(Set.of())), "empty matches nothing");
    }

    @Test
    void auditTextSearchesActorNameActorEmailResourceIdAndReasonIgnoringCaseWithWildcardsTakenLiterally() {
        AuditEvent percent = context(event(10, "u1"), "Ann 100% Sure", "ann@x.example", null);
        AuditEvent hundred = context(event(20, "u2"), "Bob 1000 Sure", "bob@x.example", null);
        AuditEvent underscore = context(event(30, "user_7"), "Cy", "cy@x.example", null);
        AuditEvent letter = context(event(40, "userX7"), "Di", "di@x.example", null);
        AuditEvent refused = context(event(50, null), "Ed", "Ed.Mail@Y.example", "Quota Exceeded: 5 of 5");
        AuditEvent oldStyle = new AuditEvent(AuditEventId.of(rows.id("e")), Rows.at(60), UserId.of("a"), null, null,
                null, null, AuditAction.USER_CREATED, "user", "legacy-9", null, List.of(), "req-x", "10.0.0.1",
                "Mozilla", null);
        List<AuditEvent> all = List.of(percent, hundred, underscore, letter, refused, oldStyle);
        run(() -> all.forEach(this::append));

        assertEquals(List.of(percent), events(AuditQuery.all().withText("100%")), "% is no wildcard");
        assertEquals(List.of(underscore), events(AuditQuery.all().withText("user_7")), "_ is no wildcard");
        assertEquals(List.of(hundred, percent), events(AuditQuery.all().withText("SURE")), "name, any case");
        assertEquals(List.of(refused), events(AuditQuery.all().withText("ed.mail@y")), "email");
        assertEquals(List.of(refused), events(AuditQuery.all().withText("quota exceeded")), "reason");
        assertEquals(List.of(oldStyle), events(AuditQuery.all().withText("LEGACY")), "resource id");
        assertEquals(List.of(), events(AuditQuery.all().withText("mozilla")), "not the user agent");
        assertEquals(List.of(), events(AuditQuery.all().withText("10.0.0")), "not the client IP");
        assertEquals(List.of(), events(AuditQuery.all().withText("req-x")), "not the request id");
        assertEquals(List.of(), events(AuditQuery.all().withText("sureann")), "no match across two fields");
        assertEquals(List.of(percent, hundred), events(AuditQuery.all().withText("sure").withOldestFirst()));
        for (String text : List.of("%", "_", "\\", "ann", "X7", "@")) {
            AuditQuery q = AuditQuery.all().withText(text);
            assertEquals(all.stream().filter(q::matches).sorted(java.util.Comparator.comparing(AuditEvent::occurredAt)
                    .reversed()).toList(), events(q), () -> "text " + text);
        }
    }

    private AuditEvent event(int at, String resourceId) {
        return rows.event(AuditAction.USER_UPDATED, null, UserId.of("a"), resourceId, Rows.at(at));
    }

    /** The event with another actor name, actor email and reason. */
    private static AuditEvent context(AuditEvent e, String actorName, String actorEmail, String reason) {
        return new AuditEvent(e.id(), e.occurredAt(), e.actorId(), e.actorRole(), e.actorResellerId(), actorName,
                actorEmail, e.action(), e.resourceType(), e.resourceId(), e.resellerId(), e.changes(), e.requestId(),
                e.clientIp(), e.userAgent(), reason);
    }

    // ---- paging ----

    @Test
    void keysetPagingVisitsEveryRowOnceInCreationOrderEvenWithEqualTimes() {
        Reseller a = storedReseller("A", 0);
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            created.add(storedUser("p" + i + "@example.com", a.id(), 10 + i / 3)); // three users per instant
        }
        List<User> seen = pageThrough(storage.users(), UserQuery.all().inReseller(a.id()), 5,
                u -> new Keyset(u.createdAt(), u.id().value()));
        assertEquals(created, seen);
    }

    @Test
    void auditPagingVisitsEveryEventOnceNewestFirst() {
        List<AuditEvent> appended = appendSeventeenFourPerInstant();
        List<AuditEvent> expected = new ArrayList<>(appended);
        java.util.Collections.reverse(expected);
        assertEquals(expected, pageThroughEvents(AuditQuery.all()));
    }

    @Test
    void auditPagingVisitsEveryEventOnceOldestFirst() {
        List<AuditEvent> appended = appendSeventeenFourPerInstant();
        assertEquals(appended, pageThroughEvents(AuditQuery.all().withOldestFirst()));
        assertEquals(appended.subList(4, 8), pageThroughEvents(AuditQuery.all().withOldestFirst()
                .withOccurredAt(new TimeRange(Rows.at(1), Rows.at(2)))), "filters hold in that order too");
    }

    /** Seventeen events, four to an instant, in (time, id) order. */
    private List<AuditEvent> appendSeventeenFourPerInstant() {
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            appended.add(rows.event(AuditAction.USER_CREATED, null, UserId.of("x"), "u" + i, Rows.at(i / 4)));
        }
        run(() -> appended.forEach(this::append));
        return appended;
    }

    /** Every event the query finds, four to a page, each page starting after the last one's position. */
    private List<AuditEvent> pageThroughEvents(AuditQuery query) {
        List<AuditEvent> seen = new ArrayList<>();
        Keyset after = null;
        while (true) {
            Keyset from = after;
            List<AuditEvent> page = read(() -> storage.auditTrail().find(query, from, 4));
            seen.addAll(page);
            if (page.size() < 4) {
                return seen;
            }
            AuditEvent last = page.get(page.size() - 1);
            after = new Keyset(last.occurredAt(), last.id().value());
        }
    }

    // ---- usage counters ----

    @Test
    void aCounterThatWasNeverCreatedReadsZeroAndGrantsNothing() {
        assertEquals(0, read(() -> storage.usageCounters().usage(counter("never"))));
        assertEquals(Optional.empty(), write(() -> storage.usageCounters().tryIncrement(counter("never"))));
        assertFalse(write(() -> storage.usageCounters().tryDecrement(counter("never"), 0)));
    }

    @Test
    void aCounterAddsAnyAmountWithinItsCapAndNeverBelowZero() {
        UsageCounter c = created("r-add", 5);
        assertEquals(Optional.of(new Reservation(true, 4, 5)), write(() -> storage.usageCounters().tryAdd(c, 4)));
        assertEquals(Optional.of(new Reservation(false, 4, 5)), write(() -> storage.usageCounters().tryAdd(c, 2)),
                "past the cap: refused with the count and the cap");
        assertEquals(Optional.of(new Reservation(true, 5, 5)), write(() -> storage.usageCounters().tryAdd(c, 1)));
        assertEquals(Optional.of(new Reservation(true, 5, 5)), write(() -> storage.usageCounters().tryAdd(c, 0)),
                "0 reads it, even at the cap");
        assertEquals(Optional.of(new Reservation(false, 5, 5)), write(() -> storage.usageCounters().tryAdd(c, -6)),
                "never below 0");
        assertEquals(Optional.of(new Reservation(true, 2, 5)), write(() -> storage.usageCounters().tryAdd(c, -3)));
        UsageCounter unlimited = created("r-add-unlimited", -1);
        assertEquals(Optional.of(new Reservation(true, 1000, -1)),
                write(() -> storage.usageCounters().tryAdd(unlimited, 1000)));
        assertEquals(Optional.empty(), write(() -> storage.usageCounters().tryAdd(counter("never"), 1)));
        assertEquals(2, read(() -> storage.usageCounters().usage(c)));
    }

    @Test
    void counterGrantsUpToItsCapThenRefusesWithTheUsageAndTheCap() {
        UsageCounter c = created("r1", 2);
        assertEquals(Optional.of(new Reservation(true, 1, 2)), write(() -> storage.usageCounters().tryIncrement(c)));
        assertEquals(Optional.of(new Reservation(true, 2, 2)), write(() -> storage.usageCounters().tryIncrement(c)));
        assertEquals(Optional.of(new Reservation(false, 2, 2)), write(() -> storage.usageCounters().tryIncrement(c)));
        assertEquals(2, read(() -> storage.usageCounters().usage(c)));
    }

    @Test
    void creatingACounterTwiceIsADuplicate() {
        UsageCounter c = created("twice", 1);
        ConflictException e = assertThrows(ConflictException.class,
                () -> run(() -> storage.usageCounters().create(c, 5)));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
        assertEquals(Optional.of(new Reservation(true, 1, 1)), write(() -> storage.usageCounters().tryIncrement(c)));
    }

    @Test
    void zeroCapRefusesAndMinusOneIsUnlimited() {
        UsageCounter zero = created("z", 0);
        UsageCounter unlimited = created("u", -1);
        assertFalse(write(() -> storage.usageCounters().tryIncrement(zero)).orElseThrow().granted());
        for (int i = 0; i < 5; i++) {
            assertTrue(write(() -> storage.usageCounters().tryIncrement(unlimited)).orElseThrow().granted());
        }
        assertEquals(5, read(() -> storage.usageCounters().usage(unlimited)));
    }

    @Test
    void aChangedCapAppliesToTheNextIncrement() {
        UsageCounter c = created("cap", 3);
        write(() -> storage.usageCounters().tryIncrement(c));
        write(() -> storage.usageCounters().tryIncrement(c));
        run(() -> storage.usageCounters().setLimit(c, 2));
        assertEquals(Optional.of(new Reservation(false, 2, 2)), write(() -> storage.usageCounters().tryIncrement(c)));
        run(() -> storage.usageCounters().setLimit(c, -1));
        assertEquals(Optional.of(new Reservation(true, 3, -1)), write(() -> storage.usageCounters().tryIncrement(c)));
    }

    @Test
    void countersAreKeptPerKindAndOwner() {
        UsageCounter c = created("same", -1);
        write(() -> storage.usageCounters().tryIncrement(c));
        UsageCounter orgs = new UsageCounter(UsageCounter.Kind.RESELLER_ORGANIZATIONS, "same");
        assertEquals(0, read(() -> storage.usageCounters().usage(orgs)));
        assertEquals(0, read(() -> storage.usageCounters().usage(counter("other"))));
    }

    @Test
    void decrementFreesASlotAndNeverGoesBelowItsFloor() {
        UsageCounter c = created("d", 2);
        write(() -> storage.usageCounters().tryIncrement(c));
        write(() -> storage.usageCounters().tryIncrement(c));
        assertFalse(write(() -> storage.usageCounters().tryDecrement(c, 2)));
        assertTrue(write(() -> storage.usageCounters().tryDecrement(c, 1)));
        assertFalse(write(() -> storage.usageCounters().tryDecrement(c, 1)));
        assertTrue(write(() -> storage.usageCounters().tryDecrement(c, 0)));
        assertFalse(write(() -> storage.usageCounters().tryDecrement(c, 0)));
        assertEquals(0, read(() -> storage.usageCounters().usage(c)));
        assertTrue(write(() -> storage.usageCounters().tryIncrement(c)).orElseThrow().granted());
    }

    @Test
    void removedCounterReadsZeroAndGrantsNothing() {
        UsageCounter c = created("gone", -1);
        write(() -> storage.usageCounters().tryIncrement(c));
        run(() -> storage.usageCounters().remove(c));
        assertEquals(0, read(() -> storage.usageCounters().usage(c)));
        assertEquals(Optional.empty(), write(() -> storage.usageCounters().tryIncrement(c)));
    }

    private UsageCounter created(String owner, long limit) {
        UsageCounter c = counter(owner);
        run(() -> storage.usageCounters().create(c, limit));
        return c;
    }

    // ---- units of work ----

    @Test
    void aUnitThatThrowsLeavesNoTraceInAnyStore() {
        Reseller r = storedReseller("A", 0);
        UsageCounter c = created(r.id().value(), -1);
        RuntimeException failure = new IllegalStateException("boom");
        RuntimeException thrown = assertThrows(IllegalStateException.class, () -> run(() -> {
            storage.usageCounters().tryIncrement(c);
            User u = rows.user("ghost@example.com", Role.USER, r.id(), null, Rows.at(5));
            storage.users().insert(u);
            storage.resellers().update(r.withQuotas(99, 99, Rows.at(5)));
            append(rows.event(AuditAction.USER_CREATED, r.id(), UserId.of("a"), u.id().value(), Rows.at(5)));
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(0, read(() -> storage.usageCounters().usage(c)));
        assertEquals(List.of(), read(() -> storage.users().find(UserQuery.all(), null, 10)));
        assertEquals(r, read(() -> storage.resellers().findById(r.id())).orElseThrow());
        assertEquals(List.of(), events(AuditQuery.all()));
        storedUser("ghost@example.com", r.id(), 6); // the email was never taken
    }

    @Test
    void aNestedUnitJoinsTheOuterOneAndRollsBackWithIt() {
        assertThrows(IllegalStateException.class, () -> run(() -> {
            run(() -> storage.resellers().insert(rows.reseller("Inner", Rows.at(0))));
            throw new IllegalStateException("outer fails after the inner unit returned");
        }));
        assertEquals(List.of(), read(() -> storage.resellers().find(ResellerQuery.all(), null, 10)));
    }

    @Test
    void aUnitReturnsItsResultAndCommits() {
        Reseller r = rows.reseller("A", Rows.at(0));
        String result = write(() -> {
            storage.resellers().insert(r);
            return "done";
        });
        assertEquals("done", result);
        assertEquals(r, read(() -> storage.resellers().findById(r.id())).orElseThrow());
    }

    // ---- helpers ----

    private void assertMissing(String resourceType, String resourceId, Runnable write) {
        NotFoundException e = assertThrows(NotFoundException.class, () -> run(write));
        assertEquals(resourceType, e.resourceType(), e::getMessage);
        assertEquals(resourceId, e.resourceId(), e::getMessage);
    }

    private void assertInUse(Runnable delete) {
        ConflictException e = assertThrows(ConflictException.class, () -> run(delete));
        assertEquals(ConflictException.Kind.IN_USE, e.kind(), e::getMessage);
    }

    private static License asNew(License l) {
        return new License(l.id(), l.key(), l.productId(), l.allowedActivations(), l.expiresAt(), l.suspended(),
                l.revoked(), l.resellerId(), l.assignedUser(), l.assignedOrganization(), l.metadata(), 1, l.createdAt(),
                l.updatedAt());
    }

    private static UsageCounter counter(String owner) {
        return new UsageCounter(UsageCounter.Kind.RESELLER_USERS, owner);
    }

    private List<AuditEvent> events(AuditQuery query) {
        return read(() -> storage.auditTrail().find(query, null, 100));
    }

    private <I, E extends Entity<I>, Q> void assertMatches(List<E> expected, EntityStore<I, E, Q> store, Q query) {
        assertEquals(expected, read(() -> store.find(query, null, 100)), () -> "query " + query);
    }

    private <I, E extends Entity<I>, Q> List<E> pageThrough(EntityStore<I, E, Q> store, Q query, int size,
                                                           Function<E, Keyset> position) {
        List<E> seen = new ArrayList<>();
        Keyset after = null;
        while (true) {
            Keyset from = after;
            List<E> page = read(() -> store.find(query, from, size));
            seen.addAll(page);
            if (page.size() < size) {
                return seen;
            }
            after = position.apply(page.get(page.size() - 1));
        }
    }
}
