package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The permission matrix, generated: every operation x every role x a target in the actor's
 * own organization, in another organization of its reseller, or in another reseller. The expected outcomes are written
 * out below from DOMAIN.md, independently of the policy's code. An allowed call must succeed
 * and, if it changes anything, leave exactly one event; a refused call must throw
 * {@link AccessDeniedException} and leave nothing but its one {@code access.denied} event.
 */
public abstract class PermissionMatrixContract {
    /** A storage holding no rows; called once per cell. */
    protected abstract Storage emptyStorage();

    /** Who acts: the vendor, or one of Acme's people. */
    enum Actor { VENDOR, RESELLER_ADMIN, ORGANIZATION_ADMIN, USER }

    /**
     * Where the target sits, seen from Acme's people: in their own organization, in another
     * organization of Acme, or in another reseller (Beta).
     */
    enum Where { OWN, SIBLING_ORGANIZATION, OTHER_RESELLER }

    /**
     * One side of the world a cell acts on: a reseller, one of its organizations with a user
     * holding a license, and what a cell may consume: a spare user in that organization, an
     * empty organization, a free license and a suspended one.
     */
    record Side(Reseller reseller, Organization organization, User user, License license, User spare,
                Organization emptyOrganization, License freeLicense, License suspendedLicense) {

        static Side of(World w, Reseller reseller, Organization organization, User user, License license) {
            ResellerKit kit = w.kit;
            String d = organization.id().value();
            User spare = kit.users().create(w.asVendor, CreateUser.of("Sam", "Spare", "spare@" + d + ".example",
                    Role.USER).inOrganization(organization.id()));
            Organization empty = kit.organizations().create(w.asVendor,
                    CreateOrganization.of("Empty", "empty@" + d + ".example", 5, reseller.id()));
            License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, reseller.id()));
            License suspended = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, reseller.id()));
            suspended = kit.licenses().suspend(w.asVendor, suspended.id());
            return new Side(reseller, organization, user, license, spare, empty, free, suspended);
        }

        static Side of(World w, World.Tenant t) {
            return of(w, t.reseller, t.organization, t.user, t.license);
        }

        /** A second organization of the tenant's reseller, with a user holding a license. */
        static Side sibling(World w, World.Tenant t) {
            ResellerKit kit = w.kit;
            Organization org = kit.organizations().create(w.asVendor,
                    CreateOrganization.of("Sibling", "it@sibling.example", 10, t.reseller.id()));
            User user = kit.users().create(w.asVendor, CreateUser.of("Sib", "Ling", "user@sibling.example",
                    Role.USER).inOrganization(org.id()));
            License license = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, t.reseller.id()));
            license = kit.licenses().assignToUser(w.asVendor, license.id(), user.id());
            return of(w, t.reseller, org, user, license);
        }
    }

    record Fixture(World w, Side own, Side sibling, Side other) {
        RequestContext as(Actor a) {
            return switch (a) {
                case VENDOR -> w.asVendor;
                case RESELLER_ADMIN -> w.acme.asAdmin;
                case ORGANIZATION_ADMIN -> w.acme.asOrganizationAdmin;
                case USER -> w.acme.asUser;
            };
        }

        Side at(Where where) {
            return switch (where) {
                case OWN -> own;
                case SIBLING_ORGANIZATION -> sibling;
                case OTHER_RESELLER -> other;
            };
        }
    }

    /** One operation, run by an actor against a side's resources; {@code action} is its event, null for reads. */
    record Op(String name, AuditAction action, Call call) {
        boolean writes() {
            return action != null;
        }
    }

    @FunctionalInterface
    interface Call {
        void run(ResellerKit kit, RequestContext context, Side target);
    }

    /**
     * Allowed (true) or refused per actor. The vendor's column holds everywhere; Acme's reseller
     * admin is the same for both of Acme's organizations; nobody of Acme's reaches Beta.
     */
    record Expect(boolean vendor, boolean resellerAdmin, boolean orgAdminOwn, boolean userOwn,
                  boolean orgAdminSibling, boolean userSibling) {
        boolean allowed(Actor a, Where where) {
            if (a == Actor.VENDOR) {
                return vendor;
            }
            if (where == Where.OTHER_RESELLER) {
                return false;
            }
            boolean own = where == Where.OWN;
            return switch (a) {
                case RESELLER_ADMIN -> resellerAdmin;
                case ORGANIZATION_ADMIN -> own ? orgAdminOwn : orgAdminSibling;
                case USER -> own ? userOwn : userSibling;
                case VENDOR -> vendor;
            };
        }
    }

    private static final boolean Y = true;
    private static final boolean N = false;

    private static Map.Entry<Op, Expect> cell(String name, AuditAction action, Call call, boolean vendor,
                                              boolean resellerAdmin, boolean orgAdmin, boolean user,
                                              boolean orgAdminSibling, boolean userSibling) {
        return Map.entry(new Op(name, action, call),
                new Expect(vendor, resellerAdmin, orgAdmin, user, orgAdminSibling, userSibling));
    }

    static List<Map.Entry<Op, Expect>> table() {
        PageRequest p = PageRequest.first(10);
        AuditAction read = null;
        return List.of(
                // name, event, call,                                               vendor RA OA user | OA, user in sibling org
                cell("reseller.create", AuditAction.RESELLER_CREATED, (k, c, x) -> k.resellers().create(c,
                        CreateReseller.of("New", "new@new.example", 1, 1)), Y, N, N, N, N, N),
                cell("reseller.get", read, (k, c, x) -> k.resellers().get(c, x.reseller().id()), Y, Y, N, N, N, N),
                cell("reseller.list", read, (k, c, x) -> k.resellers().list(c,
                        ResellerQuery.all().withIds(Set.of(x.reseller().id())), p), Y, Y, N, N, N, N),
                cell("reseller.update", AuditAction.RESELLER_UPDATED, (k, c, x) -> k.resellers().update(c, x.reseller().id(),
                        UpdateReseller.changes().withPhone("+1 555")), Y, N, N, N, N, N),
                cell("reseller.changeQuotas", AuditAction.RESELLER_QUOTA_UPDATED, (k, c, x) -> k.resellers().changeQuotas(c,
                        x.reseller().id(), ChangeQuotas.to(100, 100)), Y, N, N, N, N, N),
                cell("reseller.suspend", AuditAction.RESELLER_SUSPENDED, (k, c, x) -> k.resellers().suspend(c,
                        x.reseller().id()), Y, N, N, N, N, N),
                cell("reseller.usage", read, (k, c, x) -> k.resellers().usage(c, x.reseller().id()), Y, Y, N, N, N, N),
                cell("user.create", AuditAction.USER_CREATED, (k, c, x) -> k.users().create(c, CreateUser.of("N", "New",
                        "new@" + x.organization().id() + ".example", Role.USER).inOrganization(x.organization().id())),
                        Y, Y, Y, N, N, N),
                cell("user.get", read, (k, c, x) -> k.users().get(c, x.user().id()), Y, Y, Y, Y, N, N),
                cell("user.update", AuditAction.USER_UPDATED, (k, c, x) -> k.users().update(c, x.spare().id(),
                        UpdateUser.changes().withLastName("Renamed")), Y, Y, Y, N, N, N),
                cell("user.delete", AuditAction.USER_DELETED, (k, c, x) -> k.users().delete(c, x.spare().id()),
                        Y, Y, Y, N, N, N),
                cell("user.list", read, (k, c, x) -> k.users().list(c,
                        UserQuery.all().inReseller(x.reseller().id()), p), Y, Y, Y, N, Y, N),
                cell("organization.create", AuditAction.ORGANIZATION_CREATED, (k, c, x) -> k.organizations().create(c,
                        CreateOrganization.of("Fresh", "fresh@fresh.example", 1, x.reseller().id())), Y, Y, N, N, N, N),
                cell("organization.get", read, (k, c, x) -> k.organizations().get(c, x.organization().id()),
                        Y, Y, Y, N, N, N),
                cell("organization.update", AuditAction.ORGANIZATION_UPDATED, (k, c, x) -> k.organizations().update(c,
                        x.emptyOrganization().id(), UpdateOrganization.changes().withName("Renamed")), Y, Y, N, N, N, N),
                cell("organization.delete", AuditAction.ORGANIZATION_DELETED, (k, c, x) -> k.organizations().delete(c,
                        x.emptyOrganization().id()), Y, Y, N, N, N, N),
                cell("organization.list", read, (k, c, x) -> k.organizations().list(c,
                        OrganizationQuery.all().inReseller(x.reseller().id()), p), Y, Y, Y, N, Y, N),
                cell("license.create", AuditAction.LICENSE_CREATED, (k, c, x) -> k.licenses().create(c,
                        CreateLicense.of("pro", 1, null, x.reseller().id())), Y, N, N, N, N, N),
                cell("license.get", read, (k, c, x) -> k.licenses().get(c, x.license().id()), Y, Y, N, Y, N, N),
                cell("license.allocate", AuditAction.LICENSE_ALLOCATED, (k, c, x) -> k.licenses().allocate(c,
                        x.freeLicense().id(), null), Y, N, N, N, N, N),
                cell("license.assignToUser", AuditAction.LICENSE_ASSIGNED, (k, c, x) -> k.licenses().assignToUser(c,
                        x.freeLicense().id(), x.spare().id()), Y, Y, N, N, N, N),
                cell("license.assignToOrganization", AuditAction.LICENSE_ASSIGNED, (k, c, x) -> k.licenses()
                        .assignToOrganization(c, x.freeLicense().id(), x.organization().id()), Y, Y, N, N, N, N),
                cell("license.unassign", AuditAction.LICENSE_UNASSIGNED, (k, c, x) -> k.licenses().unassign(c,
                        x.license().id()), Y, Y, N, N, N, N),
                cell("license.suspend", AuditAction.LICENSE_SUSPENDED, (k, c, x) -> k.licenses().suspend(c, x.license().id()),
                        Y, N, N, N, N, N),
                cell("license.unsuspend", AuditAction.LICENSE_UNSUSPENDED, (k, c, x) -> k.licenses().unsuspend(c,
                        x.suspendedLicense().id()), Y, N, N, N, N, N),
                cell("license.revoke", AuditAction.LICENSE_REVOKED, (k, c, x) -> k.licenses().revoke(c, x.license().id()),
                        Y, N, N, N, N, N),
                cell("license.list", read, (k, c, x) -> k.licenses().list(c,
                        LicenseQuery.all().inReseller(x.reseller().id()), p), Y, Y, Y, Y, Y, Y),
                cell("audit.query", read, (k, c, x) -> k.audit().query(c,
                        AuditQuery.all().forReseller(x.reseller().id()), p), Y, Y, N, N, N, N),
                cell("audit.export", read, (k, c, x) -> k.audit().export(c,
                        AuditQuery.all().forReseller(x.reseller().id()), e -> { }), Y, Y, N, N, N, N));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryOperationOwnVersusOther() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Op, Expect> row : table()) {
            for (Actor actor : Actor.values()) {
                for (Where where : Where.values()) {
                    boolean allowed = row.getValue().allowed(actor, where);
                    String name = actor + " " + row.getKey().name() + " in " + where + " -> "
                            + (allowed ? "allowed" : "denied");
                    tests.add(dynamicTest(name, () -> runCell(row.getKey(), actor, where, allowed)));
                }
            }
        }
        return tests.stream();
    }

    private void runCell(Op op, Actor actor, Where where, boolean allowed) {
        SecurityCounts.add(this, "matrix cells", 1);
        Storage storage = emptyStorage();
        World w = new World(storage);
        Fixture f = new Fixture(w, Side.of(w, w.acme), Side.sibling(w, w.acme), Side.of(w, w.beta));
        Snapshot before = Snapshot.of(storage);
        Runnable call = () -> op.call().run(w.kit, f.as(actor), f.at(where));
        if (allowed) {
            call.run();
            List<AuditEvent> added = Snapshot.of(storage).eventsSince(before);
            if (op.writes()) {
                assertEquals(1, added.size(), () -> "one event for the change: " + added);
                assertEquals(op.action(), added.get(0).action());
            } else {
                assertEquals(List.of(), added, "a read leaves no event");
            }
        } else {
            assertThrows(AccessDeniedException.class, call::run);
            Snapshot after = Snapshot.of(storage);
            assertEquals(before.withoutEvents(), after.withoutEvents(), "a refusal changes nothing");
            List<AuditEvent> added = after.eventsSince(before);
            assertEquals(1, added.size());
            assertEquals(AuditAction.ACCESS_DENIED, added.get(0).action());
            assertEquals(f.as(actor).actorId(), added.get(0).actorId());
        }
    }
}
