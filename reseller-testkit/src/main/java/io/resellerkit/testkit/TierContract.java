package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService.Usage;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reseller tiers: a child's caps carved out of its parent's, a create at a leaf counted at
 * every tier, the depth limit, and a parent's staff reaching its subtree. Acme (10 users, 5
 * organizations; its own use: 2 users, 1 organization) is the parent throughout. Every test ends
 * with {@link StateInvariants} (counters equal rows at every tier). The races are in
 * {@link ConcurrencyContract}; every role on a child's resources in {@link PermissionMatrixContract}.
 */
public abstract class TierContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private Storage storage;
    private World w;
    private ResellerKit kit;
    private final java.util.concurrent.atomic.AtomicInteger emails = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
    }

    private Reseller child(RequestContext as, ResellerId parent, int users, int organizations) {
        int n = emails.incrementAndGet();
        return kit.resellers().create(as, CreateReseller.of("Kid " + n, "kid" + n + "@kids.example", users,
                organizations).under(parent));
    }

    private User customerIn(RequestContext as, ResellerId reseller) {
        return kit.users().create(as, CreateUser.of("C", "Customer", "c" + emails.incrementAndGet() + "@c.example",
                Role.USER).inReseller(reseller));
    }

    private Usage usage(ResellerId id) {
        return kit.resellers().usage(w.asVendor, id);
    }

    private void invariantsHold() {
        StateInvariants.assertHold(Snapshot.of(storage), "after the test");
    }

    @Test
    void aChildsCapsAreCarvedOutOfItsParentsAndTheParentsRoomBoundsThem() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 6, 2);
        assertEquals(w.acme.reseller.id(), kid.parentId());
        assertEquals(new Usage(10, 8, 5, 3), usage(w.acme.reseller.id()), "Acme's 2 users + the kid's 6; 1 + 2 orgs");
        Snapshot before = Snapshot.of(storage);
        QuotaExceededException e = assertThrows(QuotaExceededException.class,
                () -> child(w.asVendor, w.acme.reseller.id(), 3, 0), "8 held, cap 10: no room for 3");
        assertEquals(10, e.limit());
        assertEquals(8, e.usage());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents(), "a refused child is not written");
        child(w.asVendor, w.acme.reseller.id(), 2, 2);
        assertEquals(new Usage(10, 10, 5, 5), usage(w.acme.reseller.id()));
        invariantsHold();
    }

    @Test
    void theParentsOwnUseAndItsChildrensCapsShareItsCap() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 8, 0);
        assertThrows(QuotaExceededException.class, () -> customerIn(w.asVendor, w.acme.reseller.id()),
                "2 own + 8 carved = the cap of 10: no direct create");
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(7, 0));
        customerIn(w.asVendor, w.acme.reseller.id());
        assertEquals(10, usage(w.acme.reseller.id()).users());
        invariantsHold();
    }

    @Test
    void growingAChildsCapPastItsParentsRoomIsRefusedAndShrinkingItGivesTheRoomBack() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 4, 1);
        Snapshot before = Snapshot.of(storage);
        assertThrows(QuotaExceededException.class,
                () -> kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(9, 1)), "2 + 9 > 10");
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents(), "a refused growth changes nothing");
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(8, 1));
        assertEquals(10, usage(w.acme.reseller.id()).users());
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(1, 1));
        assertEquals(3, usage(w.acme.reseller.id()).users(), "the shrunk cap went back to the parent");
        invariantsHold();
    }

    @Test
    void aCapInATreeCannotGoBelowWhatItsTierHolds() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 5, 1);
        customerIn(w.asVendor, kid.id());
        customerIn(w.asVendor, kid.id());
        ConflictException child = assertThrows(ConflictException.class,
                () -> kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(1, 1)));
        assertEquals(ConflictException.Kind.IN_USE, child.kind());
        assertTrue(child.getMessage().contains("allowedUsers"), child::getMessage);
        ConflictException parent = assertThrows(ConflictException.class, () -> kit.resellers()
                .changeQuotas(w.asVendor, w.acme.reseller.id(), ChangeQuotas.to(6, 5)), "2 own + 5 carved = 7 > 6");
        assertEquals(ConflictException.Kind.IN_USE, parent.kind());
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), ChangeQuotas.to(7, 5));
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(2, 1));
        invariantsHold();
    }

    @Test
    void aCreateInAnUncappedLeafTakesASlotAtEveryTierUpToTheFirstCappedOne() {
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), ChangeQuotas.to(5, 5));
        Reseller middle = child(w.asVendor, w.acme.reseller.id(), -1, -1);
        Reseller leaf = child(w.asVendor, middle.id(), -1, -1);
        customerIn(w.asVendor, leaf.id());
        customerIn(w.asVendor, leaf.id());
        Organization org = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Leaf Org", "it@leaf.example", 5, leaf.id()));
        kit.users().create(w.asVendor, CreateUser.of("O", "Org", "o@leaf.example", Role.USER).inOrganization(org.id()));
        assertEquals(3, usage(leaf.id()).users());
        assertEquals(3, usage(middle.id()).users());
        assertEquals(5, usage(w.acme.reseller.id()).users(), "Acme's 2 own + the leaf's 3");
        Snapshot before = Snapshot.of(storage);
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> customerIn(w.asVendor, leaf.id()),
                "Acme's cap of 5 is reached from two tiers below");
        assertEquals(5, e.limit());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents(),
                "the slots taken at the lower tiers are undone with the refusal");
        kit.users().delete(w.asVendor, kit.users().list(w.asVendor, UserQuery.all().inReseller(leaf.id()),
                PageRequest.first(1)).items().get(0).id());
        assertEquals(4, usage(w.acme.reseller.id()).users(), "a delete at the leaf frees the slot at every tier");
        invariantsHold();
    }

    @Test
    void aCappedChildsCreatesStayInsideItsCarve() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 2, 1);
        customerIn(w.asVendor, kid.id());
        customerIn(w.asVendor, kid.id());
        assertThrows(QuotaExceededException.class, () -> customerIn(w.asVendor, kid.id()), "the kid's own cap");
        assertEquals(4, usage(w.acme.reseller.id()).users(), "the parent counts the kid's cap, not its rows");
        invariantsHold();
    }

    @Test
    void makingAnUncappedChildCappedCarvesItsCapInPlaceOfItsUse() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), -1, -1);
        customerIn(w.asVendor, kid.id());
        assertEquals(3, usage(w.acme.reseller.id()).users());
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(4, -1));
        assertEquals(6, usage(w.acme.reseller.id()).users());
        kit.resellers().changeQuotas(w.asVendor, kid.id(), ChangeQuotas.to(-1, -1));
        assertEquals(3, usage(w.acme.reseller.id()).users());
        invariantsHold();
    }

    @Test
    void deletingAChildGivesItsCarveBackAndAParentWithChildrenCannotBeDeleted() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 5, 2);
        Reseller empty = kit.resellers().create(w.asVendor, CreateReseller.of("Empty", "e@empty.example", 3, 3));
        child(w.asVendor, empty.id(), 1, 1);
        ConflictException e = assertThrows(ConflictException.class, () -> kit.resellers().delete(w.asVendor, empty.id()));
        assertEquals(ConflictException.Kind.IN_USE, e.kind());
        kit.resellers().delete(w.asVendor, kid.id());
        assertEquals(new Usage(10, 2, 5, 1), usage(w.acme.reseller.id()));
        invariantsHold();
    }

    @Test
    void aChildNeedsAnExistingLiveParentWithinTheDepthLimit() {
        assertThrows(NotFoundException.class, () -> child(w.asVendor, ResellerId.of("no-such-reseller"), 1, 1));
        Reseller parent = w.acme.reseller;
        for (int tier = 2; tier <= ResellerKit.DEFAULT_MAX_TIER_DEPTH; tier++) {
            parent = child(w.asVendor, parent.id(), -1, -1);
        }
        ResellerId deepest = parent.id();
        ValidationException tooDeep = assertThrows(ValidationException.class, () -> child(w.asVendor, deepest, 1, 1));
        assertEquals("parentId", tooDeep.violations().get(0).field());
        Reseller gone = kit.resellers().create(w.asVendor, CreateReseller.of("Gone", "g@gone.example", 1, 1));
        kit.resellers().terminate(w.asVendor, gone.id());
        ConflictException terminated = assertThrows(ConflictException.class, () -> child(w.asVendor, gone.id(), 1, 1));
        assertEquals(ConflictException.Kind.INVALID_STATE, terminated.kind());
        invariantsHold();
    }

    @Test
    void theDepthLimitIsTheBuilders() {
        ResellerKit flat = ResellerKit.builder(storage).clock(w.clock).maxTierDepth(1).build();
        assertThrows(ValidationException.class, () -> flat.resellers().create(w.asVendor,
                CreateReseller.of("Kid", "k@k.example", 1, 1).under(w.acme.reseller.id())));
        assertThrows(IllegalArgumentException.class, () -> ResellerKit.builder(storage).maxTierDepth(0));
    }

    @Test
    void aParentsAdminCreatesAndManagesChildrenButNotItsOwnResellerOrItsParent() {
        Reseller kid = child(w.acme.asAdmin, w.acme.reseller.id(), 4, 1);
        Reseller grandkid = child(w.acme.asAdmin, kid.id(), 1, 0);
        kit.resellers().changeQuotas(w.acme.asAdmin, kid.id(), ChangeQuotas.to(5, 1));
        kit.resellers().suspend(w.acme.asAdmin, grandkid.id());
        // A reseller-admin grants no role at its own rank, not even one tier down: the vendor makes the kid's admin.
        assertThrows(AccessDeniedException.class, () -> kit.users().create(w.acme.asAdmin, CreateUser.of("K",
                "Admin", "admin@kid.example", Role.RESELLER_ADMIN).inReseller(kid.id())));
        User kidAdmin = kit.users().create(w.asVendor, CreateUser.of("K", "Admin", "admin@kid.example",
                Role.RESELLER_ADMIN).inReseller(kid.id()));
        User customer = customerIn(w.acme.asAdmin, kid.id());
        assertEquals(Set.of(w.acme.reseller.id(), kid.id(), grandkid.id()), kit.resellers().list(w.acme.asAdmin,
                ResellerQuery.all(), PageRequest.first(100)).items().stream().map(Reseller::id).collect(Collectors.toSet()));
        assertTrue(kit.users().list(w.acme.asAdmin, UserQuery.all(), PageRequest.first(100)).items().contains(customer),
                "a parent's staff list their subtree's users");
        assertThrows(AccessDeniedException.class, () -> kit.resellers().changeQuotas(w.acme.asAdmin,
                w.acme.reseller.id(), ChangeQuotas.to(100, 100)), "never its own quotas");
        assertThrows(AccessDeniedException.class, () -> child(w.acme.asAdmin, null, 1, 1),
                "a top-level reseller is the vendor's");
        assertThrows(AccessDeniedException.class, () -> child(w.acme.asAdmin, w.beta.reseller.id(), 1, 1));
        RequestContext asKid = RequestContext.of(kidAdmin.id());
        assertThrows(AccessDeniedException.class, () -> kit.resellers().get(asKid, w.acme.reseller.id()),
                "a child does not see its parent");
        assertThrows(AccessDeniedException.class, () -> kit.users().get(asKid, w.acme.user.id()));
        assertThrows(AccessDeniedException.class, () -> kit.resellers().changeQuotas(asKid, kid.id(),
                ChangeQuotas.to(100, 100)), "nor changes its own quotas");
        assertEquals(Set.of(kid.id(), grandkid.id()), kit.resellers().list(asKid, ResellerQuery.all(),
                PageRequest.first(100)).items().stream().map(Reseller::id).collect(Collectors.toSet()));
        assertThrows(AccessDeniedException.class, () -> kit.users().list(asKid,
                UserQuery.all().inReseller(w.acme.reseller.id()), PageRequest.first(10)));
        invariantsHold();
    }

    @Test
    void aParentsSuspensionOrTerminationReachesTheStaffOfEveryResellerBelowItButNotTheirCustomers() {
        Reseller kid = child(w.asVendor, w.acme.reseller.id(), 4, 1);
        Reseller grandkid = child(w.asVendor, kid.id(), 2, 0);
        RequestContext asKid = RequestContext.of(kit.users().create(w.asVendor, CreateUser.of("K", "Admin",
                "admin@kid.example", Role.RESELLER_ADMIN).inReseller(kid.id())).id());
        RequestContext asGrandkid = RequestContext.of(kit.users().create(w.asVendor, CreateUser.of("G", "Admin",
                "admin@grandkid.example", Role.RESELLER_ADMIN).inReseller(grandkid.id())).id());
        User customer = customerIn(asGrandkid, grandkid.id());
        RequestContext asCustomer = RequestContext.of(customer.id());

        kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        for (RequestContext staff : List.of(asKid, asGrandkid)) {
            assertEquals(grandkid.id(), kit.resellers().get(staff, grandkid.id()).id(), "reads go on");
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> customerIn(staff, grandkid.id()));
            assertTrue(e.getMessage().contains("a reseller above it is suspended"), e.getMessage());
        }
        kit.resellers().reactivate(w.asVendor, w.acme.reseller.id());
        customerIn(asGrandkid, grandkid.id());

        kit.resellers().terminate(w.asVendor, w.acme.reseller.id());
        for (RequestContext staff : List.of(asKid, asGrandkid)) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> kit.resellers().get(staff, grandkid.id()));
            assertTrue(e.getMessage().contains("a reseller above it is terminated"), e.getMessage());
        }
        assertEquals(customer.id(), kit.users().get(asCustomer, customer.id()).id(), "customers keep working");
        invariantsHold();
    }
}
