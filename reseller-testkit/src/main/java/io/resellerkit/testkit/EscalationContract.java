package io.resellerkit.testkit;

import static io.resellerkit.testkit.Refusals.assertDenied;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import java.util.List;
import io.resellerkit.model.UserId;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.model.License;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Privilege escalation attempts, each refused with exactly one access.denied event and no
 * other change: by reseller admins, organization admins, users, stale actors and the admins
 * of a suspended reseller.
 */
public abstract class EscalationContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private Storage storage;
    private World w;
    private ResellerKit kit;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
    }

    private CreateUser newUser(Role role) {
        return CreateUser.of("E", "Scalate", role.code() + "@escalate.example", role);
    }

    @Test
    void filtersNamingAnotherResellersUsersOrOrganizationsAreRefusedWithAnEvent() {
        PageRequest page = PageRequest.first(10);
        World.Tenant beta = w.beta;
        RequestContext acme = w.acme.asAdmin;
        assertDenied(storage, () -> kit.users().list(acme, UserQuery.all().withIds(Set.of(beta.user.id())), page));
        assertDenied(storage, () -> kit.users().list(acme,
                UserQuery.all().withOrganizationIds(Set.of(beta.organization.id())), page));
        assertDenied(storage, () -> kit.organizations().list(acme,
                OrganizationQuery.all().withIds(Set.of(beta.organization.id())), page));
        assertDenied(storage, () -> kit.licenses().list(acme,
                LicenseQuery.all().withAssignedUsers(Set.of(beta.user.id())), page));
        assertDenied(storage, () -> kit.licenses().list(acme,
                LicenseQuery.all().withAssignedOrganizations(Set.of(beta.organization.id())), page));
        assertDenied(storage, () -> kit.audit().query(acme, AuditQuery.all().withActorIds(Set.of(beta.admin.id())), page));
        // An organization admin naming a user of a sibling organization is refused the same way.
        assertDenied(storage, () -> kit.users().list(w.acme.asOrganizationAdmin,
                UserQuery.all().withIds(Set.of(w.acme.admin.id())), page));
    }

    @Test
    void filtersNamingOwnUsersOrganizationsOrUnknownIdsAreAnswered() {
        PageRequest page = PageRequest.first(10);
        RequestContext acme = w.acme.asAdmin;
        assertEquals(List.of(w.acme.user), kit.users().list(acme,
                UserQuery.all().withIds(Set.of(w.acme.user.id(), UserId.of("no-such-user"))), page).items());
        assertEquals(List.of(w.acme.organization), kit.organizations().list(acme,
                OrganizationQuery.all().withIds(Set.of(w.acme.organization.id())), page).items());
        assertEquals(1, kit.licenses().list(acme, LicenseQuery.all().withAssignedUsers(Set.of(w.acme.user.id())), page)
                .items().size());
        // The vendor's staff act on a reseller's resources: naming them in its own trail is allowed.
        assertFalse(kit.audit().query(acme, AuditQuery.all().withActorIds(Set.of(w.vendor.id())), page)
                .items().isEmpty());
    }

    @Test
    void resellerAdminCannotCreateAnAdmin() {
        assertDenied(storage, () -> kit.users().create(w.acme.asAdmin, newUser(Role.ADMIN)));
    }

    @Test
    void resellerAdminCannotCreateAnotherResellerAdmin() {
        assertDenied(storage, () -> kit.users().create(w.acme.asAdmin,
                newUser(Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id())));
    }

    @Test
    void resellerAdminCannotPromoteItsUserToResellerAdminOrAdmin() {
        assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.RESELLER_ADMIN)));
        assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.ADMIN)));
    }

    @Test
    void resellerAdminCannotPromoteItself() {
        assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, w.acme.admin.id(),
                UpdateUser.changes().withRole(Role.ADMIN)));
    }

    @Test
    void resellerAdminCannotPlaceAUserInAnotherResellersOrganization() {
        assertDenied(storage, () -> kit.users().create(w.acme.asAdmin,
                newUser(Role.USER).inOrganization(w.beta.organization.id())));
        assertDenied(storage, () -> kit.users().create(w.acme.asAdmin,
                newUser(Role.USER).inReseller(w.beta.reseller.id())));
        // Naming its own reseller beside the other's organization tells it nothing either.
        assertDenied(storage, () -> kit.users().create(w.acme.asAdmin,
                newUser(Role.USER).inReseller(w.acme.reseller.id()).inOrganization(w.beta.organization.id())));
    }

    @Test
    void resellerAdminCannotTouchAnotherResellersUsers() {
        assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, w.beta.user.id(),
                UpdateUser.changes().withEmail("stolen@acme.example")));
        assertDenied(storage, () -> kit.users().delete(w.acme.asAdmin, w.beta.organizationAdmin.id()));
    }

    @Test
    void resellerAdminCannotAssignAnotherResellersLicense() {
        License betas = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.beta.reseller.id()));
        assertDenied(storage, () -> kit.licenses().assignToUser(w.acme.asAdmin, betas.id(), w.acme.user.id()));
        assertDenied(storage, () -> kit.licenses().unassign(w.acme.asAdmin, w.beta.license.id()));
    }

    @Test
    void resellerAdminCannotCreateOrReallocateLicenses() {
        assertDenied(storage, () -> kit.licenses().create(w.acme.asAdmin,
                CreateLicense.of("pro", -1, null, w.acme.reseller.id())));
        License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.beta.reseller.id()));
        assertDenied(storage, () -> kit.licenses().allocate(w.acme.asAdmin, free.id(), w.acme.reseller.id()));
    }

    @Test
    void resellerAdminCannotRaiseItsOwnQuotasOrEditOrReactivateItsReseller() {
        assertDenied(storage, () -> kit.resellers().changeQuotas(w.acme.asAdmin, w.acme.reseller.id(),
                ChangeQuotas.to(-1, -1)));
        assertDenied(storage, () -> kit.resellers().update(w.acme.asAdmin, w.acme.reseller.id(),
                UpdateReseller.changes().withName("Acme Global")));
        assertDenied(storage, () -> kit.resellers().reactivate(w.acme.asAdmin, w.acme.reseller.id()));
    }

    @Test
    void resellerAdminCannotDeleteOrEditTheVendorsUsers() {
        assertDenied(storage, () -> kit.users().delete(w.acme.asAdmin, w.vendor.id()));
        assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, w.vendor.id(),
                UpdateUser.changes().withEmail("pwned@acme.example")));
    }

    @Test
    void resellerAdminCannotDeleteItsPeerStaff() {
        User peer = kit.users().create(w.asVendor, newUser(Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        assertDenied(storage, () -> kit.users().delete(w.acme.asAdmin, peer.id()));
    }

    @Test
    void resellerAdminCannotReadAnotherResellersTrailOrResellerRecord() {
        assertDenied(storage, () -> kit.audit().query(w.acme.asAdmin, AuditQuery.all().forReseller(w.beta.reseller.id()),
                PageRequest.first(10)));
        assertDenied(storage, () -> kit.resellers().get(w.acme.asAdmin, w.beta.reseller.id()));
        assertDenied(storage, () -> kit.licenses().list(w.acme.asAdmin,
                LicenseQuery.all().withResellerIds(Set.of(w.acme.reseller.id(), w.beta.reseller.id())),
                PageRequest.first(10)));
    }

    @Test
    void organizationAdminCannotActOutsideItsOrganization() {
        io.resellerkit.model.Organization sibling = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Sibling", "it@sibling.example", 5, w.acme.reseller.id()));
        assertDenied(storage, () -> kit.users().create(w.acme.asOrganizationAdmin,
                newUser(Role.USER).inOrganization(sibling.id())));
        assertDenied(storage, () -> kit.users().create(w.acme.asOrganizationAdmin,
                newUser(Role.USER).inReseller(w.acme.reseller.id())));
        assertDenied(storage, () -> kit.organizations().get(w.acme.asOrganizationAdmin, sibling.id()));
        assertDenied(storage, () -> kit.users().list(w.acme.asOrganizationAdmin,
                UserQuery.all().inOrganization(sibling.id()), PageRequest.first(10)));
        assertDenied(storage, () -> kit.organizations().update(w.acme.asOrganizationAdmin, w.acme.organization.id(),
                UpdateOrganization.changes().withAllowedUsers(-1)));
    }

    @Test
    void organizationAdminCannotCreateItsPeerOrPromoteAnyone() {
        assertDenied(storage, () -> kit.users().create(w.acme.asOrganizationAdmin,
                newUser(Role.ORGANIZATION_ADMIN).inOrganization(w.acme.organization.id())));
        assertDenied(storage, () -> kit.users().update(w.acme.asOrganizationAdmin, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.ORGANIZATION_ADMIN)));
        assertDenied(storage, () -> kit.users().update(w.acme.asOrganizationAdmin, w.acme.organizationAdmin.id(),
                UpdateUser.changes().withRole(Role.RESELLER_ADMIN)));
    }

    @Test
    void aUserCannotActOnAnyoneElseOrOnItself() {
        RequestContext asUser = w.acme.asUser;
        assertDenied(storage, () -> kit.users().get(asUser, w.acme.organizationAdmin.id()));
        assertDenied(storage, () -> kit.users().update(asUser, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.ORGANIZATION_ADMIN)));
        assertDenied(storage, () -> kit.users().delete(asUser, w.acme.organizationAdmin.id()));
        assertDenied(storage, () -> kit.users().list(asUser, UserQuery.all(), PageRequest.first(10)));
        assertDenied(storage, () -> kit.organizations().list(asUser, OrganizationQuery.all(), PageRequest.first(10)));
        assertDenied(storage, () -> kit.licenses().get(asUser, w.beta.license.id()));
        assertDenied(storage, () -> kit.licenses().list(asUser,
                LicenseQuery.all().withAssignedUsers(Set.of(w.beta.user.id())), PageRequest.first(10)));
    }

    @Test
    void anActorDeletedAMomentAgoIsRefused() {
        User temp = kit.users().create(w.asVendor, newUser(Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        RequestContext asTemp = RequestContext.of(temp.id());
        kit.users().delete(w.asVendor, temp.id());
        assertDenied(storage, () -> kit.users().create(asTemp, newUser(Role.USER).inReseller(w.acme.reseller.id())));
    }

    @Test
    void anActorDemotedAMomentAgoIsRefused() {
        User temp = kit.users().create(w.asVendor, newUser(Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        kit.users().update(w.asVendor, temp.id(), UpdateUser.changes().withRole(Role.USER));
        assertDenied(storage, () -> kit.users().create(RequestContext.of(temp.id()),
                CreateUser.of("N", "New", "new@acme.example", Role.USER).inReseller(w.acme.reseller.id())));
    }

    /** A member of Acme's staff of this kind, created by the vendor, and its context. */
    private RequestContext staff(Role role) {
        User u = kit.users().create(w.asVendor, CreateUser.of("S", "Taff", role.code() + "@staff.acme.example", role)
                .inReseller(w.acme.reseller.id()));
        return RequestContext.of(u.id());
    }

    @Test
    void salesStaffCannotGrantResellerAdminOrAnyStaffRole() {
        RequestContext sales = staff(Role.RESELLER_SALES);
        for (Role role : List.of(Role.ADMIN, Role.RESELLER_ADMIN, Role.RESELLER_SALES, Role.RESELLER_SUPPORT,
                Role.RESELLER_READ_ONLY)) {
            assertDenied(storage, () -> kit.users().create(sales, newUser(role).inReseller(w.acme.reseller.id())));
        }
        assertDenied(storage, () -> kit.users().update(sales, w.acme.user.id(),
                UpdateUser.changes().withRole(Role.RESELLER_ADMIN)));
    }

    @Test
    void salesStaffCannotDeleteOrChangeLicenses() {
        RequestContext sales = staff(Role.RESELLER_SALES);
        License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        assertDenied(storage, () -> kit.users().delete(sales, w.acme.user.id()));
        assertDenied(storage, () -> kit.organizations().delete(sales, w.acme.organization.id()));
        assertDenied(storage, () -> kit.licenses().assignToUser(sales, free.id(), w.acme.user.id()));
        assertDenied(storage, () -> kit.licenses().unassign(sales, w.acme.license.id()));
        assertDenied(storage, () -> kit.licenses().create(sales, CreateLicense.of("pro", 1, null, w.acme.reseller.id())));
    }

    @Test
    void salesStaffCannotCreateCustomersOfAnotherReseller() {
        RequestContext sales = staff(Role.RESELLER_SALES);
        assertDenied(storage, () -> kit.organizations().create(sales,
                CreateOrganization.of("Stolen", "it@stolen.example", 1, w.beta.reseller.id())));
        assertDenied(storage, () -> kit.users().create(sales, newUser(Role.USER).inOrganization(w.beta.organization.id())));
    }

    @Test
    void supportStaffCannotDeleteCreateOrEdit() {
        RequestContext support = staff(Role.RESELLER_SUPPORT);
        assertDenied(storage, () -> kit.users().delete(support, w.acme.user.id()));
        assertDenied(storage, () -> kit.organizations().delete(support, w.acme.organization.id()));
        assertDenied(storage, () -> kit.users().create(support, newUser(Role.USER).inReseller(w.acme.reseller.id())));
        assertDenied(storage, () -> kit.users().update(support, w.acme.user.id(), UpdateUser.changes().withLastName("X")));
        assertDenied(storage, () -> kit.licenses().revoke(support, w.acme.license.id()));
        assertDenied(storage, () -> kit.licenses().unassign(support, w.beta.license.id()));
    }

    @Test
    void readOnlyStaffCannotWrite() {
        RequestContext readOnly = staff(Role.RESELLER_READ_ONLY);
        License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        assertDenied(storage, () -> kit.users().create(readOnly, newUser(Role.USER).inReseller(w.acme.reseller.id())));
        assertDenied(storage, () -> kit.users().update(readOnly, w.acme.user.id(),
                UpdateUser.changes().withLastName("X")));
        assertDenied(storage, () -> kit.users().delete(readOnly, w.acme.user.id()));
        assertDenied(storage, () -> kit.organizations().create(readOnly,
                CreateOrganization.of("New", "new@org.example", 1, w.acme.reseller.id())));
        assertDenied(storage, () -> kit.organizations().update(readOnly, w.acme.organization.id(),
                UpdateOrganization.changes().withName("X")));
        assertDenied(storage, () -> kit.licenses().assignToUser(readOnly, free.id(), w.acme.user.id()));
        assertDenied(storage, () -> kit.licenses().unassign(readOnly, w.acme.license.id()));
    }

    @Test
    void staffCannotManageTheirPeersOrTheirAdmin() {
        RequestContext sales = staff(Role.RESELLER_SALES);
        User support = kit.users().get(w.asVendor, staff(Role.RESELLER_SUPPORT).actorId());
        assertDenied(storage, () -> kit.users().update(sales, support.id(), UpdateUser.changes().withLastName("X")));
        assertDenied(storage, () -> kit.users().delete(sales, support.id()));
        assertDenied(storage, () -> kit.users().update(sales, w.acme.admin.id(), UpdateUser.changes().withLastName("X")));
        // Their reseller admin ranks above them, and manages them.
        kit.users().delete(w.acme.asAdmin, support.id());
    }

    @Test
    void theStaffOfASuspendedResellerChangeNothingAndOfATerminatedOneReadNothing() {
        RequestContext sales = staff(Role.RESELLER_SALES);
        RequestContext support = staff(Role.RESELLER_SUPPORT);
        RequestContext readOnly = staff(Role.RESELLER_READ_ONLY);
        License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        assertDenied(storage, () -> kit.users().create(sales, newUser(Role.USER).inReseller(w.acme.reseller.id())));
        assertDenied(storage, () -> kit.organizations().create(sales,
                CreateOrganization.of("New", "new@org.example", 1, w.acme.reseller.id())));
        assertDenied(storage, () -> kit.licenses().assignToUser(support, free.id(), w.acme.user.id()));
        kit.users().get(readOnly, w.acme.user.id()); // suspended: still reads
        kit.resellers().terminate(w.asVendor, w.acme.reseller.id());
        for (RequestContext s : List.of(sales, support, readOnly)) {
            assertDenied(storage, () -> kit.users().get(s, w.acme.user.id()));
            assertDenied(storage, () -> kit.licenses().list(s, LicenseQuery.all(), PageRequest.first(10)));
        }
    }

    @Test
    void theAdminOfASuspendedResellerChangesNothing() {
        License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        RequestContext a = w.acme.asAdmin;
        assertDenied(storage, () -> kit.users().create(a, newUser(Role.USER).inReseller(w.acme.reseller.id())));
        assertDenied(storage, () -> kit.users().update(a, w.acme.user.id(), UpdateUser.changes().withLastName("X")));
        assertDenied(storage, () -> kit.users().delete(a, w.acme.organizationAdmin.id()));
        assertDenied(storage, () -> kit.organizations().create(a,
                CreateOrganization.of("New", "new@org.example", 1, w.acme.reseller.id())));
        assertDenied(storage, () -> kit.organizations().update(a, w.acme.organization.id(),
                UpdateOrganization.changes().withName("X")));
        assertDenied(storage, () -> kit.organizations().delete(a, w.acme.organization.id()));
        assertDenied(storage, () -> kit.licenses().assignToUser(a, free.id(), w.acme.user.id()));
        assertDenied(storage, () -> kit.licenses().unassign(a, w.acme.license.id()));
        assertDenied(storage, () -> kit.resellers().reactivate(a, w.acme.reseller.id()));
    }
}
