package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time-bound delegated access: the vendor lends Beta's admin (a support user of another reseller)
 * some operations on Acme's customer organization; Acme's customer's organization admin lends
 * Acme's support staff what its role lacks. Checked at every call at the clock's time of the
 * check, revocable, every use audited with the grant's id.
 */
public abstract class AccessGrantContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private static final Set<AccessPermission> READ_AND_UPDATE_USERS =
            Set.of(AccessPermission.USER_READ, AccessPermission.USER_UPDATE);
    private Storage storage;
    private World w;
    private ResellerKit kit;
    private Organization customer;
    /** A user of another organization of Acme, which no grant opens. */
    private User sibling;
    private RequestContext asSupport;
    private User support;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
        customer = w.acme.organization;
        Organization other = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Other", "it@other.example", 5, w.acme.reseller.id()));
        sibling = kit.users().create(w.asVendor, CreateUser.of("Sib", "Ling", "sib@other.example", Role.USER)
                .inOrganization(other.id()));
        support = kit.users().create(w.asVendor, CreateUser.of("Sue", "Support", "support@acme.example",
                Role.RESELLER_SUPPORT).inReseller(w.acme.reseller.id()));
        asSupport = RequestContext.of(support.id());
    }

    private Instant now() {
        return w.clock.instant();
    }

    private AccessGrant vendorLendsBetaAdmin(Set<AccessPermission> permissions) {
        return kit.access().grant(w.asVendor, GrantAccess.of(customer.id(), w.beta.admin.id(), permissions,
                now().plus(Duration.ofDays(7))));
    }

    private void rename(RequestContext as, UserId user, String lastName) {
        kit.users().update(as, user, UpdateUser.changes().withLastName(lastName));
    }

    private AuditEvent newest(AuditAction action) {
        return kit.audit().query(w.asVendor, AuditQuery.all().withActions(Set.of(action)), PageRequest.first(1))
                .items().get(0);
    }

    @Test
    void granteeMayDoOnlyTheGrantedOperationsOnOnlyThatOrganizationAndEachUseNamesTheGrant() {
        AccessGrant g = vendorLendsBetaAdmin(READ_AND_UPDATE_USERS);
        assertEquals(AccessGrant.Status.ACTIVE, g.statusAt(now()));
        AuditEvent granted = newest(AuditAction.ACCESS_GRANTED);
        assertEquals(g.id(), granted.resourceId());
        assertEquals(w.acme.reseller.id(), granted.resellerId(), "the organization's reseller's trail records it");

        RequestContext asBeta = w.beta.asAdmin;
        assertEquals(w.acme.user.id(), kit.users().get(asBeta, w.acme.user.id()).id());
        rename(asBeta, w.acme.user.id(), "Renamed");
        AuditEvent used = newest(AuditAction.USER_UPDATED);
        assertEquals(w.beta.admin.id(), used.actorId());
        assertEquals(g.id(), used.accessGrantId(), "the use names its grant");
        assertTrue(kit.audit().verify(w.asVendor, w.acme.reseller.id()).ok(), "a chain with a grant's event verifies");

        Refusals.assertDenied(storage, () -> kit.users().delete(asBeta, w.acme.user.id()));
        Refusals.assertDenied(storage, () -> kit.organizations().get(asBeta, customer.id()));
        Refusals.assertDenied(storage, () -> kit.users().get(asBeta, sibling.id()));
        Refusals.assertDenied(storage, () -> rename(asBeta, sibling.id(), "Nope"));
        // Acting by its own rights, it names no grant.
        rename(asBeta, w.beta.user.id(), "Own");
        assertNull(newest(AuditAction.USER_UPDATED).accessGrantId());
    }

    @Test
    void everyReadUnderAGrantIsAuditedNamingTheGrantAndWhatWasReadAndReadsByOwnRightsAreNot() {
        AccessGrant g = vendorLendsBetaAdmin(READ_AND_UPDATE_USERS);
        int before = Snapshot.of(storage).events().size();
        kit.users().get(w.beta.asAdmin, w.acme.user.id());
        kit.users().get(w.beta.asAdmin, w.acme.user.id());
        AuditEvent used = newest(AuditAction.ACCESS_USED);
        assertEquals(before + 2, Snapshot.of(storage).events().size(), "one event per read");
        assertEquals(g.id(), used.accessGrantId());
        assertEquals(w.beta.admin.id(), used.actorId());
        assertEquals("user", used.resourceType());
        assertEquals(w.acme.user.id().value(), used.resourceId());
        assertEquals(w.acme.reseller.id(), used.resellerId(), "in the trail of the reseller whose data was read");
        assertTrue(kit.audit().verify(w.asVendor, w.acme.reseller.id()).ok());
        kit.users().get(w.beta.asAdmin, w.beta.user.id());
        kit.users().get(w.asVendor, w.acme.user.id());
        assertEquals(before + 2, Snapshot.of(storage).events().size(), "reads by one's own rights leave no event");
    }

    @Test
    void aGrantWorksOnlyFromItsStartUntilItsEndDecidedAtTheCheck() {
        AccessGrant g = kit.access().grant(w.asVendor, GrantAccess.of(customer.id(), w.beta.admin.id(),
                READ_AND_UPDATE_USERS, now().plus(Duration.ofHours(2))).from(now().plus(Duration.ofHours(1))));
        AccessDeniedException before = assertThrows(AccessDeniedException.class,
                () -> kit.users().get(w.beta.asAdmin, w.acme.user.id()));
        assertTrue(before.getMessage().contains("pending"), before.getMessage());
        w.clock.advance(Duration.ofHours(1));
        rename(w.beta.asAdmin, w.acme.user.id(), "During");
        w.clock.advance(Duration.ofHours(1));
        AccessDeniedException after = assertThrows(AccessDeniedException.class,
                () -> rename(w.beta.asAdmin, w.acme.user.id(), "After"));
        assertTrue(after.getMessage().contains(g.id() + " is expired"), after.getMessage());
        assertEquals(AccessGrant.Status.EXPIRED, kit.access().list(w.asVendor, customer.id()).get(0).statusAt(now()));
        AuditEvent refused = newest(AuditAction.ACCESS_DENIED);
        assertTrue(refused.reason().contains("expired"), "the trail shows the use after the end: " + refused);
    }

    @Test
    void theOrganizationAdminRevokesAGrantAndItStopsAtOnce() {
        AccessGrant g = vendorLendsBetaAdmin(READ_AND_UPDATE_USERS);
        rename(w.beta.asAdmin, w.acme.user.id(), "Before");
        AccessGrant revoked = kit.access().revoke(w.acme.asOrganizationAdmin, g.id());
        assertEquals(AccessGrant.Status.REVOKED, revoked.statusAt(now()));
        AuditEvent event = newest(AuditAction.ACCESS_REVOKED);
        assertEquals(g.id(), event.resourceId());
        assertEquals(w.acme.organizationAdmin.id(), event.actorId());
        Refusals.assertDenied(storage, () -> rename(w.beta.asAdmin, w.acme.user.id(), "After"));
        Refusals.assertRefusedLeavingOnly(storage, ConflictException.class, null,
                () -> kit.access().revoke(w.asVendor, g.id()));
    }

    @Test
    void aTransferToAnotherResellerRevokesTheOrganizationsLiveGrantsInTheOldResellersTrail() {
        AccessGrant lent = kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(customer.id(), support.id(),
                Set.of(AccessPermission.USER_READ), now().plus(Duration.ofDays(1))));
        AccessGrant pending = kit.access().grant(w.asVendor, GrantAccess.of(customer.id(), w.beta.admin.id(),
                Set.of(AccessPermission.USER_READ), now().plus(Duration.ofDays(3))).from(now().plus(Duration.ofDays(2))));
        kit.users().get(asSupport, w.acme.user.id());
        kit.resellers().changeQuotas(w.asVendor, w.beta.reseller.id(), ChangeQuotas.to(-1, -1));
        kit.organizations().transfer(w.asVendor, customer.id(), w.beta.reseller.id(), null);

        Refusals.assertDenied(storage, () -> kit.users().get(asSupport, w.acme.user.id()));
        for (AccessGrant g : kit.access().list(w.asVendor, customer.id())) {
            assertEquals(AccessGrant.Status.REVOKED, g.statusAt(now()), g.id());
        }
        List<AuditEvent> revocations = kit.audit().query(w.asVendor, AuditQuery.all()
                .withActions(Set.of(AuditAction.ACCESS_REVOKED)), PageRequest.first(10)).items();
        assertEquals(Set.of(lent.id(), pending.id()),
                revocations.stream().map(AuditEvent::resourceId).collect(java.util.stream.Collectors.toSet()));
        assertTrue(revocations.stream().allMatch(e -> w.acme.reseller.id().equals(e.resellerId())));
        assertTrue(kit.audit().verify(w.asVendor, w.acme.reseller.id()).ok());
    }

    @Test
    void theOrganizationAdminLendsItsResellersSupportStaffWhatTheirRoleLacksOnlyForPlainUsers() {
        Refusals.assertDenied(storage, () -> rename(asSupport, w.acme.user.id(), "Nope"));
        AccessGrant g = kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(customer.id(), support.id(),
                Set.of(AccessPermission.USER_UPDATE, AccessPermission.USER_CREATE), now().plus(Duration.ofDays(1))));
        rename(asSupport, w.acme.user.id(), "Supported");
        assertEquals(g.id(), newest(AuditAction.USER_UPDATED).accessGrantId());
        // Only in that organization, and never above the user role.
        Refusals.assertDenied(storage, () -> rename(asSupport, sibling.id(), "Nope"));
        Refusals.assertDenied(storage, () -> rename(asSupport, w.acme.organizationAdmin.id(), "Nope"));
        Refusals.assertDenied(storage, () -> kit.users().update(asSupport, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.ORGANIZATION_ADMIN)));
        Refusals.assertDenied(storage, () -> kit.users().create(asSupport, CreateUser.of("New", "Admin",
                "newadmin@customer.acme.example", Role.ORGANIZATION_ADMIN).inOrganization(customer.id())));
        User created = kit.users().create(asSupport, CreateUser.of("New", "User", "new@customer.acme.example",
                Role.USER).inOrganization(customer.id()));
        assertEquals(customer.id(), created.organizationId());
    }

    @Test
    void aGrantorCannotLendMoreThanItHoldsNorToItselfNorOutsideItsReseller() {
        GrantAccess update = GrantAccess.of(customer.id(), support.id(), Set.of(AccessPermission.ORGANIZATION_UPDATE),
                now().plus(Duration.ofDays(1)));
        Refusals.assertDenied(storage, () -> kit.access().grant(w.acme.asOrganizationAdmin, update));
        Refusals.assertDenied(storage, () -> kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(
                customer.id(), w.acme.organizationAdmin.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
        Refusals.assertDenied(storage, () -> kit.access().grant(w.asVendor, GrantAccess.of(
                customer.id(), w.vendor.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
        Refusals.assertDenied(storage, () -> kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(
                customer.id(), w.beta.admin.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
        Refusals.assertDenied(storage, () -> kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(
                w.beta.organization.id(), support.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
        // The reseller's own admin reaches the organization already, but may not lend access to it.
        Refusals.assertDenied(storage, () -> kit.access().grant(w.acme.asAdmin, GrantAccess.of(
                customer.id(), support.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
    }

    @Test
    void aGranteeCannotPassItsGrantOn() {
        kit.access().grant(w.acme.asOrganizationAdmin, GrantAccess.of(customer.id(), support.id(),
                READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1))));
        User readOnly = kit.users().create(w.asVendor, CreateUser.of("Rea", "Donly", "ro@acme.example",
                Role.RESELLER_READ_ONLY).inReseller(w.acme.reseller.id()));
        Refusals.assertDenied(storage, () -> kit.access().grant(asSupport, GrantAccess.of(customer.id(), readOnly.id(),
                READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(1)))));
    }

    @Test
    void aGrantNeverOverridesItsGranteesResellerStanding() {
        vendorLendsBetaAdmin(READ_AND_UPDATE_USERS);
        kit.resellers().suspend(w.asVendor, w.beta.reseller.id());
        Refusals.assertDenied(storage, () -> rename(w.beta.asAdmin, w.acme.user.id(), "Suspended"));
    }

    @Test
    void aPeriodThatIsOverEmptyOrTooLongIsRefusedNamingTheFieldAndWritesNothing() {
        for (GrantAccess bad : List.of(
                GrantAccess.of(customer.id(), support.id(), READ_AND_UPDATE_USERS, now().minus(Duration.ofMinutes(1))),
                GrantAccess.of(customer.id(), support.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(2)))
                        .from(now().plus(Duration.ofDays(3))),
                GrantAccess.of(customer.id(), support.id(), READ_AND_UPDATE_USERS, now().plus(Duration.ofDays(91))),
                new GrantAccess(customer.id(), support.id(), READ_AND_UPDATE_USERS, null, null),
                new GrantAccess(customer.id(), support.id(), Set.of(), null, now().plus(Duration.ofDays(1))))) {
            ValidationException e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                    () -> kit.access().grant(w.acme.asOrganizationAdmin, bad));
            assertTrue(e.getMessage().contains("validUntil") || e.getMessage().contains("permissions"), e.getMessage());
        }
        assertEquals(List.of(), kit.access().list(w.asVendor, customer.id()));
    }

    @Test
    void theOrganizationItsResellersStaffAndTheVendorListItsGrantsNobodyElse() {
        AccessGrant g = vendorLendsBetaAdmin(READ_AND_UPDATE_USERS);
        for (RequestContext allowed : List.of(w.asVendor, w.acme.asAdmin, asSupport, w.acme.asOrganizationAdmin)) {
            assertEquals(List.of(g.id()), kit.access().list(allowed, customer.id()).stream().map(AccessGrant::id).toList());
        }
        for (RequestContext denied : List.of(w.acme.asUser, w.beta.asAdmin, w.beta.asOrganizationAdmin)) {
            Refusals.assertDenied(storage, () -> kit.access().list(denied, customer.id()));
        }
    }
}
