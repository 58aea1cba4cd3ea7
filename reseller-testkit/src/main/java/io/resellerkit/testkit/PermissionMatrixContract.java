package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.resellerkit.AuditVerification;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.WebhookStore;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.webhook.WebhookEndpoint;
import io.resellerkit.webhook.Webhooks;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The permission matrix, generated: every public operation x every role x every place its
 * target can be: in the actor's own organization, in another organization of its reseller, or
 * in another reseller; a reseller-wide target (a reseller, its trail, a list filtered to it) is
 * in the actor's own reseller or in another; a call naming no target runs once. The expected
 * outcomes are written out below from DOMAIN.md, independently of the policy's code. An allowed
 * change must succeed and leave exactly one event of its action; an allowed read must return
 * exactly what DOMAIN.md lets the actor see and nothing else; a refused call must throw
 * {@link AccessDeniedException} and leave nothing but its one {@code access.denied} event.
 * A test compares the table with the public API by reflection, so a new operation without a
 * row fails the build.
 */
public abstract class PermissionMatrixContract {
    /** A storage holding no rows; called once per cell. */
    protected abstract Storage emptyStorage();

    /** Who acts: the vendor, or one of Acme's people: its reseller admin, its three kinds of other staff, its customers. */
    enum Actor { VENDOR, RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY, ORGANIZATION_ADMIN, USER }

    /** Acme's staff besides its admin: sales, support and read-only, created for each cell. */
    record Staff(RequestContext sales, RequestContext support, RequestContext readOnly) {
        static Staff of(World w) {
            return new Staff(create(w, Role.RESELLER_SALES), create(w, Role.RESELLER_SUPPORT),
                    create(w, Role.RESELLER_READ_ONLY));
        }

        private static RequestContext create(World w, Role role) {
            User u = w.kit.users().create(w.asVendor, CreateUser.of("Stan", "Staff", role.code() + "@acme.example", role)
                    .inReseller(w.acme.reseller.id()));
            return RequestContext.of(u.id());
        }
    }


    /**
     * Where the target sits, seen from Acme's people: in their own organization (or, for a
     * reseller-wide target, their own reseller), in another organization of Acme, or in another
     * reseller (Beta). {@code NONE}: the call names no target (creating a reseller, a list
     * without a filter); it is handed the actor's own side.
     */
    enum Where { OWN, SIBLING_ORGANIZATION, OTHER_RESELLER, NONE }

    /** A target inside an organization: its three places are three different targets. */
    private static final Set<Where> IN_ORGANIZATION = EnumSet.of(Where.OWN, Where.SIBLING_ORGANIZATION,
            Where.OTHER_RESELLER);
    /** A reseller-wide target: both of Acme's organizations name the same one, so it has two places. */
    private static final Set<Where> IN_RESELLER = EnumSet.of(Where.OWN, Where.OTHER_RESELLER);
    /** No target: one place. */
    private static final Set<Where> NOWHERE = EnumSet.of(Where.NONE);

    /**
     * One side of the world a cell acts on: a reseller, one of its organizations with a user
     * holding a license, and what a cell may consume: a spare user in that organization, an
     * empty organization, a free license, a suspended one, and one assigned to the organization;
     * and the reseller a transfer of its organizations goes to: Beta for Acme's, Acme for Beta's.
     */
    record Side(Reseller reseller, Organization organization, User user, License license, User spare,
                Organization emptyOrganization, License freeLicense, License suspendedLicense,
                License organizationLicense, Reseller receiver, User staff) {

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
            // So that an organization admin's license list has something to find.
            License forOrganization = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, reseller.id()));
            forOrganization = kit.licenses().assignToOrganization(w.asVendor, forOrganization.id(), organization.id());
            Reseller receiver = reseller.id().equals(w.acme.reseller.id()) ? w.beta.reseller : w.acme.reseller;
            // A support staff member of the reseller: who an organization admin may lend access to.
            User staff = kit.users().create(w.asVendor, CreateUser.of("Stu", "Staff", "staff@" + d + ".example",
                    Role.RESELLER_SUPPORT).inReseller(reseller.id()));
            return new Side(reseller, organization, user, license, spare, empty, free, suspended, forOrganization,
                    receiver, staff);
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

    record Fixture(World w, Staff staff, Side own, Side sibling, Side other) {
        RequestContext as(Actor a) {
            return switch (a) {
                case VENDOR -> w.asVendor;
                case RESELLER_ADMIN -> w.acme.asAdmin;
                case SALES -> staff.sales();
                case SUPPORT -> staff.support();
                case READ_ONLY -> staff.readOnly();
                case ORGANIZATION_ADMIN -> w.acme.asOrganizationAdmin;
                case USER -> w.acme.asUser;
            };
        }

        Side at(Where where) {
            return switch (where) {
                case OWN, NONE -> own;
                case SIBLING_ORGANIZATION -> sibling;
                case OTHER_RESELLER -> other;
            };
        }
    }

    /**
     * What each actor may see, written out from DOMAIN.md: the vendor everything; Acme's reseller
     * admin, and each of its other staff, its reseller's users, organizations, licenses and trail
     * (staff of every kind read alike); Acme's organization admin
     * its organization's users and the licenses assigned to the organization; a user itself and
     * the licenses assigned to it.
     */
    record Viewer(Actor actor, World.Tenant acme, Set<ResellerId> reach) {
        /** A viewer on a world without tiers: Acme's staff reach Acme only. */
        Viewer(Actor actor, World.Tenant acme) {
            this(actor, acme, Set.of(acme.reseller.id()));
        }

        /** Null-safe: a row in no reseller is in nobody's reach. */
        private boolean reaches(ResellerId id) {
            return id != null && reach.contains(id);
        }

        boolean sees(Reseller r) {
            return switch (actor) {
                case VENDOR -> true;
                case RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY -> reaches(r.id());
                case ORGANIZATION_ADMIN, USER -> false;
            };
        }

        boolean sees(User u) {
            return switch (actor) {
                case VENDOR -> true;
                case RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY -> reaches(u.resellerId());
                case ORGANIZATION_ADMIN -> acme.organization.id().equals(u.organizationId());
                case USER -> u.id().equals(acme.user.id());
            };
        }

        boolean sees(Organization o) {
            return switch (actor) {
                case VENDOR -> true;
                case RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY -> reaches(o.resellerId());
                case ORGANIZATION_ADMIN -> o.id().equals(acme.organization.id());
                case USER -> false;
            };
        }

        boolean sees(License l) {
            return switch (actor) {
                case VENDOR -> true;
                case RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY -> reaches(l.resellerId());
                case ORGANIZATION_ADMIN -> acme.organization.id().equals(l.assignedOrganization());
                case USER -> acme.user.id().equals(l.assignedUser());
            };
        }

        boolean sees(AuditEvent e) {
            return switch (actor) {
                case VENDOR -> true;
                case RESELLER_ADMIN, SALES, SUPPORT, READ_ONLY -> reaches(e.resellerId());
                case ORGANIZATION_ADMIN, USER -> false;
            };
        }
    }

    /** A call by an actor against a side's resources; returns what a read returned, null for a change. */
    @FunctionalInterface
    interface Call {
        Object run(ResellerKit kit, RequestContext context, Side target);
    }

    /** A change, by an actor or (to prepare a cell) by the vendor. */
    @FunctionalInterface
    interface Change {
        void run(ResellerKit kit, RequestContext context, Side target);
    }

    /** What an allowed read must return, from the rows stored before the call. */
    @FunctionalInterface
    interface Returns {
        Object expected(Viewer viewer, Side target, Snapshot before);
    }

    /**
     * One row: a public operation ({@code Service.method}), told apart from its other rows by
     * {@code variant}; {@code action} is its event, null for reads, and {@code alsoLeaves} the
     * events an allowed call leaves besides it; {@code prepare} runs as the vendor before the
     * cell's snapshot.
     */
    record Row(String method, String variant, AuditAction action, Set<Where> places, Change prepare, Call call,
               Returns returns, Expect expect, List<AuditAction> alsoLeaves) {
        boolean writes() {
            return action != null;
        }

        String name() {
            return variant.isEmpty() ? method : method + " (" + variant + ")";
        }

        Row variant(String v) {
            return new Row(method, v, action, places, prepare, call, returns, expect, alsoLeaves);
        }

        Row preparedBy(Change p) {
            return new Row(method, variant, action, places, p, call, returns, expect, alsoLeaves);
        }

        Row alsoLeaving(AuditAction... more) {
            return new Row(method, variant, action, places, prepare, call, returns, expect, List.of(more));
        }
    }

    /** What an allowed call does: succeeds; or passes the check but finds its target still in use. */
    enum Outcome { ALLOWED, DENIED, IN_USE }

    private static final Outcome Y = Outcome.ALLOWED;
    private static final Outcome N = Outcome.DENIED;
    /** Allowed, but the target still holds users, organizations or licenses: a conflict, not a refusal. */
    private static final Outcome U = Outcome.IN_USE;

    /**
     * The outcome per actor. The vendor's column holds everywhere; Acme's reseller admin and its
     * other staff are the same for both of Acme's organizations; nobody of Acme's reaches Beta, except
     * Acme's reseller admin where {@code resellerAdminOther} says so (receiving a transfer from Beta).
     */
    record Expect(Outcome vendor, Outcome resellerAdmin, Outcome sales, Outcome support, Outcome readOnly,
                  Outcome orgAdminOwn, Outcome userOwn, Outcome orgAdminSibling, Outcome userSibling,
                  Outcome resellerAdminOther) {
        Outcome at(Actor a, Where where) {
            if (a == Actor.VENDOR) {
                return vendor;
            }
            if (where == Where.OTHER_RESELLER) {
                return a == Actor.RESELLER_ADMIN ? resellerAdminOther : N;
            }
            boolean own = where != Where.SIBLING_ORGANIZATION;
            return switch (a) {
                case RESELLER_ADMIN -> resellerAdmin;
                case SALES -> sales;
                case SUPPORT -> support;
                case READ_ONLY -> readOnly;
                case ORGANIZATION_ADMIN -> own ? orgAdminOwn : orgAdminSibling;
                case USER -> own ? userOwn : userSibling;
                case VENDOR -> vendor;
            };
        }
    }

    /** For a target inside an organization: the organization admin and user in their own and in the sibling one. */
    private static Expect expect(Outcome vendor, Outcome resellerAdmin, Outcome sales, Outcome support,
                                 Outcome readOnly, Outcome orgAdmin, Outcome user, Outcome orgAdminSibling,
                                 Outcome userSibling) {
        return new Expect(vendor, resellerAdmin, sales, support, readOnly, orgAdmin, user, orgAdminSibling,
                userSibling, N);
    }

    /** For a reseller-wide target or none: no sibling organization to tell apart. */
    private static Expect expect(Outcome vendor, Outcome resellerAdmin, Outcome sales, Outcome support,
                                 Outcome readOnly, Outcome orgAdmin, Outcome user) {
        return new Expect(vendor, resellerAdmin, sales, support, readOnly, orgAdmin, user, orgAdmin, user, N);
    }

    private static Row change(String method, AuditAction action, Set<Where> places, Change change, Expect expect) {
        Call call = (k, c, x) -> {
            change.run(k, c, x);
            return null;
        };
        return new Row(method, "", action, places, (k, c, x) -> { }, call, null, expect, List.of());
    }

    private static Row read(String method, Set<Where> places, Call call, Returns returns, Expect expect) {
        return new Row(method, "", null, places, (k, c, x) -> { }, call, returns, expect, List.of());
    }

    /**
     * The secret of the transfer token a cell's preparation issued, by organization id: the
     * preparation and the call are separate lambdas. Ids are unique across worlds.
     */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** The id of the access grant a cell's preparation made, by organization id. */
    private static final Map<String, String> GRANTS = new ConcurrentHashMap<>();

    private static GrantAccess lendStaff(Side x) {
        return GrantAccess.of(x.organization().id(), x.staff().id(), Set.of(AccessPermission.USER_READ),
                java.time.Instant.parse("2026-02-01T00:00:00Z"));
    }

    /** Page size for lists: the whole fixture fits in one page. */
    private static final PageRequest P = PageRequest.first(PageRequest.MAX_LIMIT);

    static List<Row> table() {
        return List.of(
                // ---- ResellerService ----  expect(vendor, reseller admin, sales, support, read-only, organization admin,
                //                                     user (| organization admin, user in a sibling organization))
                change("ResellerService.create", AuditAction.RESELLER_CREATED, NOWHERE, (k, c, x) -> k.resellers()
                        .create(c, CreateReseller.of("New", "new@new.example", 1, 1)), expect(Y, N, N, N, N, N, N)),
                // A reseller admin creates resellers below its own; the new one's caps are carved out of the target's.
                change("ResellerService.create", AuditAction.RESELLER_CREATED, IN_RESELLER, (k, c, x) -> k.resellers()
                        .create(c, CreateReseller.of("Child", "child@new.example", 1, 1).under(x.reseller().id())),
                        expect(Y, Y, N, N, N, N, N)).variant("under the target reseller"),
                read("ResellerService.get", IN_RESELLER, (k, c, x) -> k.resellers().get(c, x.reseller().id()),
                        (v, x, s) -> byId(s.resellers(), x.reseller().id().value()), expect(Y, Y, Y, Y, Y, N, N)),
                read("ResellerService.list", IN_RESELLER, (k, c, x) -> ids(k.resellers().list(c,
                                ResellerQuery.all().withIds(Set.of(x.reseller().id())), P)),
                        (v, x, s) -> ids(s.resellers(), r -> v.sees(r) && r.id().equals(x.reseller().id())),
                        expect(Y, Y, Y, Y, Y, N, N)).variant("filtered to the reseller"),
                read("ResellerService.list", NOWHERE, (k, c, x) -> ids(k.resellers().list(c, ResellerQuery.all(), P)),
                        (v, x, s) -> ids(s.resellers(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter"),
                change("ResellerService.update", AuditAction.RESELLER_UPDATED, IN_RESELLER, (k, c, x) -> k.resellers()
                        .update(c, x.reseller().id(), UpdateReseller.changes().withPhone("+1 555")), expect(Y, N, N, N, N, N, N)),
                change("ResellerService.changeQuotas", AuditAction.RESELLER_QUOTA_UPDATED, IN_RESELLER, (k, c, x) ->
                        k.resellers().changeQuotas(c, x.reseller().id(), ChangeQuotas.to(100, 100)), expect(Y, N, N, N, N, N, N)),
                // Not carved from a parent's cap, so never a parent's admin's to give (see parentOnChild).
                change("ResellerService.changeQuotas", AuditAction.RESELLER_QUOTA_UPDATED, IN_RESELLER, (k, c, x) ->
                        k.resellers().changeQuotas(c, x.reseller().id(), ChangeQuotas.licenses(5)),
                        expect(Y, N, N, N, N, N, N)).variant("the license quota"),
                change("ResellerService.suspend", AuditAction.RESELLER_SUSPENDED, IN_RESELLER, (k, c, x) -> k.resellers()
                        .suspend(c, x.reseller().id()), expect(Y, N, N, N, N, N, N)),
                change("ResellerService.reactivate", AuditAction.RESELLER_REACTIVATED, IN_RESELLER, (k, c, x) ->
                        k.resellers().reactivate(c, x.reseller().id()), expect(Y, N, N, N, N, N, N))
                        .preparedBy((k, vendor, x) -> k.resellers().suspend(vendor, x.reseller().id())),
                change("ResellerService.terminate", AuditAction.RESELLER_TERMINATED, IN_RESELLER, (k, c, x) ->
                        k.resellers().terminate(c, x.reseller().id()), expect(Y, N, N, N, N, N, N)),
                change("ResellerService.changeContractEnd", AuditAction.RESELLER_UPDATED, IN_RESELLER, (k, c, x) ->
                        k.resellers().changeContractEnd(c, x.reseller().id(), java.time.Instant.parse("2030-01-01T00:00:00Z")),
                        expect(Y, N, N, N, N, N, N)),
                // Acme and Beta hold users, so even the vendor's delete ends in a conflict; the refusals
                // of everyone else must come first, as access denied.
                change("ResellerService.delete", AuditAction.RESELLER_DELETED, IN_RESELLER, (k, c, x) -> k.resellers()
                        .delete(c, x.reseller().id()), expect(U, N, N, N, N, N, N)),
                read("ResellerService.usage", IN_RESELLER, (k, c, x) -> k.resellers().usage(c, x.reseller().id()),
                        (v, x, s) -> usage(s, x.reseller()), expect(Y, Y, Y, Y, Y, N, N)),

                // ---- UserService ----
                change("UserService.create", AuditAction.USER_CREATED, IN_ORGANIZATION, (k, c, x) -> k.users().create(c,
                        CreateUser.of("N", "New", "new@" + x.organization().id() + ".example", Role.USER)
                                .inOrganization(x.organization().id())), expect(Y, Y, Y, N, N, Y, N, N, N)),
                change("UserService.create", AuditAction.USER_CREATED, IN_RESELLER, (k, c, x) -> k.users().create(c,
                        CreateUser.of("S", "Support", "support@" + x.reseller().id() + ".example", Role.RESELLER_SUPPORT)
                                .inReseller(x.reseller().id())), expect(Y, Y, N, N, N, N, N)).variant("reseller staff"),
                read("UserService.get", IN_ORGANIZATION, (k, c, x) -> k.users().get(c, x.user().id()),
                        (v, x, s) -> byId(s.users(), x.user().id().value()), expect(Y, Y, Y, Y, Y, Y, Y, N, N)),
                change("UserService.update", AuditAction.USER_UPDATED, IN_ORGANIZATION, (k, c, x) -> k.users().update(c,
                        x.spare().id(), UpdateUser.changes().withLastName("Renamed")), expect(Y, Y, N, N, N, Y, N, N, N)),
                change("UserService.delete", AuditAction.USER_DELETED, IN_ORGANIZATION, (k, c, x) -> k.users()
                        .delete(c, x.spare().id()), expect(Y, Y, N, N, N, Y, N, N, N)),
                read("UserService.list", IN_RESELLER, (k, c, x) -> ids(k.users().list(c,
                                UserQuery.all().inReseller(x.reseller().id()), P)),
                        (v, x, s) -> ids(s.users(), u -> v.sees(u) && x.reseller().id().equals(u.resellerId())),
                        expect(Y, Y, Y, Y, Y, Y, N)).variant("filtered to the reseller"),
                read("UserService.list", NOWHERE, (k, c, x) -> ids(k.users().list(c, UserQuery.all(), P)),
                        (v, x, s) -> ids(s.users(), v::sees), expect(Y, Y, Y, Y, Y, Y, N)).variant("no filter"),

                // ---- OrganizationService ----
                change("OrganizationService.create", AuditAction.ORGANIZATION_CREATED, IN_RESELLER, (k, c, x) ->
                        k.organizations().create(c, CreateOrganization.of("Fresh", "fresh@fresh.example", 1,
                                x.reseller().id())), expect(Y, Y, Y, N, N, N, N)),
                change("OrganizationService.importCustomers", AuditAction.ORGANIZATION_CREATED, IN_RESELLER, (k, c, x) ->
                        k.organizations().importCustomers(c, ImportCustomers.of(x.reseller().id(), List.of(
                                ImportCustomers.Customer.of(CreateOrganization.of("Imported", "imported@imported.example",
                                        5, null), CreateUser.of("I", "Mported", "imported@" + x.reseller().id()
                                        + ".example", Role.USER))))), expect(Y, Y, Y, N, N, N, N))
                        .alsoLeaving(AuditAction.USER_CREATED),
                read("OrganizationService.get", IN_ORGANIZATION, (k, c, x) -> k.organizations().get(c,
                                x.organization().id()),
                        (v, x, s) -> byId(s.organizations(), x.organization().id().value()), expect(Y, Y, Y, Y, Y, Y, N, N, N)),
                change("OrganizationService.update", AuditAction.ORGANIZATION_UPDATED, IN_ORGANIZATION, (k, c, x) ->
                        k.organizations().update(c, x.emptyOrganization().id(), UpdateOrganization.changes()
                                .withName("Renamed")), expect(Y, Y, N, N, N, N, N, N, N)),
                change("OrganizationService.delete", AuditAction.ORGANIZATION_DELETED, IN_ORGANIZATION, (k, c, x) ->
                        k.organizations().delete(c, x.emptyOrganization().id()), expect(Y, Y, N, N, N, N, N, N, N)),
                change("OrganizationService.issueTransferToken", AuditAction.ORGANIZATION_TRANSFER_TOKEN_ISSUED,
                        IN_ORGANIZATION, (k, c, x) -> k.organizations().issueTransferToken(c, x.organization().id(),
                                x.receiver().id()), expect(Y, Y, N, N, N, Y, N, N, N)),
                change("OrganizationService.transfer", AuditAction.ORGANIZATION_TRANSFERRED, IN_ORGANIZATION,
                        (k, c, x) -> k.organizations().transfer(c, x.emptyOrganization().id(), x.receiver().id(), null),
                        expect(Y, N, N, N, N, N, N, N, N)).variant("no token").alsoLeaving(AuditAction.ORGANIZATION_TRANSFERRED),
                // Acme's reseller admin receives Beta's organization; it never gives its own away.
                change("OrganizationService.transfer", AuditAction.ORGANIZATION_TRANSFERRED, IN_ORGANIZATION,
                        (k, c, x) -> k.organizations().transfer(c, x.emptyOrganization().id(), x.receiver().id(),
                                TOKENS.get(x.emptyOrganization().id().value())),
                        new Expect(Y, N, N, N, N, N, N, N, N, Y)).variant("with a token")
                        .preparedBy((k, vendor, x) -> TOKENS.put(x.emptyOrganization().id().value(), k.organizations()
                                .issueTransferToken(vendor, x.emptyOrganization().id(), x.receiver().id()).secret()))
                        .alsoLeaving(AuditAction.ORGANIZATION_TRANSFERRED, AuditAction.ORGANIZATION_TRANSFER_TOKEN_REDEEMED),
                read("OrganizationService.list", IN_RESELLER, (k, c, x) -> ids(k.organizations().list(c,
                                OrganizationQuery.all().inReseller(x.reseller().id()), P)),
                        (v, x, s) -> ids(s.organizations(), o -> v.sees(o) && x.reseller().id().equals(o.resellerId())),
                        expect(Y, Y, Y, Y, Y, Y, N)).variant("filtered to the reseller"),
                read("OrganizationService.list", NOWHERE, (k, c, x) -> ids(k.organizations().list(c,
                                OrganizationQuery.all(), P)),
                        (v, x, s) -> ids(s.organizations(), v::sees), expect(Y, Y, Y, Y, Y, Y, N)).variant("no filter"),

                // ---- LicenseService ----
                change("LicenseService.create", AuditAction.LICENSE_CREATED, IN_RESELLER, (k, c, x) -> k.licenses()
                        .create(c, CreateLicense.of("pro", 1, null, x.reseller().id())), expect(Y, N, N, N, N, N, N)),
                // With a license quota on the target reseller (and on its parent, whose admin issues on its
                // own quota in a tier cell), a reseller admin issues licenses; nobody else of Acme's does.
                change("LicenseService.create", AuditAction.LICENSE_CREATED, IN_RESELLER, (k, c, x) -> k.licenses()
                        .create(c, CreateLicense.of("pro", 1, null, x.reseller().id())), expect(Y, Y, N, N, N, N, N))
                        .variant("within a license quota").preparedBy((k, vendor, x) -> {
                            k.resellers().changeQuotas(vendor, x.reseller().id(), ChangeQuotas.licenses(3));
                            if (x.reseller().parentId() != null) {
                                k.resellers().changeQuotas(vendor, x.reseller().parentId(), ChangeQuotas.licenses(3));
                            }
                        }),
                read("LicenseService.get", IN_ORGANIZATION, (k, c, x) -> k.licenses().get(c, x.license().id()),
                        (v, x, s) -> byId(s.licenses(), x.license().id().value()), expect(Y, Y, Y, Y, Y, N, Y, N, N)),
                change("LicenseService.allocate", AuditAction.LICENSE_ALLOCATED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().allocate(c, x.freeLicense().id(), null), expect(Y, N, N, N, N, N, N, N, N)),
                change("LicenseService.assignToUser", AuditAction.LICENSE_ASSIGNED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().assignToUser(c, x.freeLicense().id(), x.spare().id()), expect(Y, Y, N, Y, N, N, N, N, N)),
                change("LicenseService.assignToOrganization", AuditAction.LICENSE_ASSIGNED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().assignToOrganization(c, x.freeLicense().id(), x.organization().id()),
                        expect(Y, Y, N, Y, N, N, N, N, N)),
                change("LicenseService.unassign", AuditAction.LICENSE_UNASSIGNED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().unassign(c, x.license().id()), expect(Y, Y, N, Y, N, N, N, N, N)),
                change("LicenseService.suspend", AuditAction.LICENSE_SUSPENDED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().suspend(c, x.license().id()), expect(Y, N, N, N, N, N, N, N, N)),
                change("LicenseService.unsuspend", AuditAction.LICENSE_UNSUSPENDED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().unsuspend(c, x.suspendedLicense().id()), expect(Y, N, N, N, N, N, N, N, N)),
                change("LicenseService.revoke", AuditAction.LICENSE_REVOKED, IN_ORGANIZATION, (k, c, x) ->
                        k.licenses().revoke(c, x.license().id()), expect(Y, N, N, N, N, N, N, N, N)),
                read("LicenseService.list", IN_RESELLER, (k, c, x) -> ids(k.licenses().list(c,
                                LicenseQuery.all().inReseller(x.reseller().id()), P)),
                        (v, x, s) -> ids(s.licenses(), l -> v.sees(l) && x.reseller().id().equals(l.resellerId())),
                        expect(Y, Y, Y, Y, Y, Y, Y)).variant("filtered to the reseller"),
                read("LicenseService.list", NOWHERE, (k, c, x) -> ids(k.licenses().list(c, LicenseQuery.all(), P)),
                        (v, x, s) -> ids(s.licenses(), v::sees), expect(Y, Y, Y, Y, Y, Y, Y)).variant("no filter"),

                // ---- AuditService ----
                read("AuditService.query", IN_RESELLER, (k, c, x) -> ids(k.audit().query(c,
                                AuditQuery.all().forReseller(x.reseller().id()), P)),
                        (v, x, s) -> ids(s.events(), e -> v.sees(e) && x.reseller().id().equals(e.resellerId())),
                        expect(Y, Y, Y, Y, Y, N, N)).variant("filtered to the reseller"),
                read("AuditService.query", NOWHERE, (k, c, x) -> ids(k.audit().query(c, AuditQuery.all(), P)),
                        (v, x, s) -> ids(s.events(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter"),
                read("AuditService.export", IN_RESELLER, (k, c, x) -> exported(k, c,
                                AuditQuery.all().forReseller(x.reseller().id())),
                        (v, x, s) -> ids(s.events(), e -> v.sees(e) && x.reseller().id().equals(e.resellerId())),
                        expect(Y, Y, Y, Y, Y, N, N)).variant("filtered to the reseller"),
                read("AuditService.query", NOWHERE, (k, c, x) -> ids(k.audit().query(c,
                                AuditQuery.all().withOldestFirst(), P)),
                        (v, x, s) -> ids(s.events(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter, oldest first"),
                read("AuditService.export", NOWHERE, (k, c, x) -> exported(k, c, AuditQuery.all()),
                        (v, x, s) -> ids(s.events(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter"),
                read("AuditService.exportCsv", IN_RESELLER, (k, c, x) -> exportedCsv(k, c,
                                AuditQuery.all().forReseller(x.reseller().id())),
                        (v, x, s) -> ids(s.events(), e -> v.sees(e) && x.reseller().id().equals(e.resellerId())),
                        expect(Y, Y, Y, Y, Y, N, N)).variant("filtered to the reseller"),
                read("AuditService.exportCsv", NOWHERE, (k, c, x) -> exportedCsv(k, c, AuditQuery.all()),
                        (v, x, s) -> ids(s.events(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter"),
                read("AuditService.verify", IN_RESELLER, (k, c, x) -> verified(k.audit().verify(c, x.reseller().id())),
                        (v, x, s) -> "ok, " + s.events().stream().filter(e -> x.reseller().id().equals(e.resellerId()))
                                .count() + " events", expect(Y, Y, Y, Y, Y, N, N)).variant("a reseller's chains"),
                read("AuditService.verify", NOWHERE, (k, c, x) -> verified(k.audit().verify(c, null)),
                        (v, x, s) -> "ok, " + s.events().stream().filter(e -> e.resellerId() == null).count() + " events",
                        expect(Y, N, N, N, N, N, N)).variant("the vendor's chains"),
                read("AuditService.exportChained", NOWHERE, (k, c, x) -> exportedChained(k, c, AuditQuery.all()),
                        (v, x, s) -> ids(s.events(), v::sees), expect(Y, Y, Y, Y, Y, N, N)).variant("no filter"),
                // Nothing is this old, and nobody has this id: each leaves only its own record.
                change("AuditService.purge", AuditAction.AUDIT_PURGED, NOWHERE, (k, c, x) -> k.audit().purge(c,
                        java.time.Instant.parse("2000-01-01T00:00:00Z"), 100), expect(Y, N, N, N, N, N, N)),
                change("AuditService.erase", AuditAction.AUDIT_ERASED, NOWHERE, (k, c, x) -> k.audit().erase(c,
                        io.resellerkit.model.UserId.of("nobody-erased"), null), expect(Y, N, N, N, N, N, N)),

                // ---- AccessService ----
                change("AccessService.grant", AuditAction.ACCESS_GRANTED, IN_ORGANIZATION, (k, c, x) ->
                        k.access().grant(c, lendStaff(x)), expect(Y, N, N, N, N, Y, N, N, N)),
                change("AccessService.revoke", AuditAction.ACCESS_REVOKED, IN_ORGANIZATION, (k, c, x) ->
                        k.access().revoke(c, GRANTS.get(x.organization().id().value())), expect(Y, N, N, N, N, Y, N, N, N))
                        .preparedBy((k, vendor, x) -> GRANTS.put(x.organization().id().value(),
                                k.access().grant(vendor, lendStaff(x)).id())),
                read("AccessService.list", IN_ORGANIZATION, (k, c, x) -> k.access().list(c, x.organization().id()).stream()
                                .map(AccessGrant::id).sorted().toList(),
                        (v, x, s) -> s.grants().stream().filter(g -> g.organizationId().equals(x.organization().id()))
                                .map(AccessGrant::id).sorted().toList(), expect(Y, Y, Y, Y, Y, Y, N, N, N)),

                // ---- WebhookService ---- (World lets a reseller's admin register a few endpoints)
                change("WebhookService.register", AuditAction.WEBHOOK_REGISTERED, IN_RESELLER, (k, c, x) ->
                        k.webhooks().register(c, hookOf(x)), expect(Y, Y, N, N, N, N, N)),
                change("WebhookService.register", AuditAction.WEBHOOK_REGISTERED, NOWHERE, (k, c, x) ->
                        k.webhooks().register(c, RegisterWebhook.of("https://hooks.vendor.example/rk", null)),
                        expect(Y, N, N, N, N, N, N)).variant("every event"),
                read("WebhookService.list", IN_RESELLER, (k, c, x) -> endpointIds(k.webhooks().list(c, x.reseller().id())),
                        (v, x, s) -> List.of(HOOKS.get(x.reseller().id().value())), expect(Y, Y, N, N, N, N, N))
                        .preparedBy(PermissionMatrixContract::registerHook),
                read("WebhookService.list", NOWHERE, (k, c, x) -> endpointIds(k.webhooks().list(c, null)),
                        (v, x, s) -> List.of(HOOKS.get(x.reseller().id().value())), expect(Y, N, N, N, N, N, N))
                        .variant("every endpoint").preparedBy(PermissionMatrixContract::registerHook),
                read("WebhookService.get", IN_RESELLER, (k, c, x) -> k.webhooks().get(c, HOOKS.get(x.reseller().id()
                                .value())).id(), (v, x, s) -> HOOKS.get(x.reseller().id().value()),
                        expect(Y, Y, N, N, N, N, N)).preparedBy(PermissionMatrixContract::registerHook),
                change("WebhookService.delete", AuditAction.WEBHOOK_DELETED, IN_RESELLER, (k, c, x) ->
                        k.webhooks().delete(c, HOOKS.get(x.reseller().id().value())), expect(Y, Y, N, N, N, N, N))
                        .preparedBy(PermissionMatrixContract::registerHook),
                read("WebhookService.deliveries", IN_RESELLER, (k, c, x) -> deliveryIds(k.webhooks().deliveries(c,
                                new DeliveryFilter(HOOKS.get(x.reseller().id().value()), null, null), null, 100)),
                        (v, x, s) -> List.of(DELIVERIES.get(x.reseller().id().value())), expect(Y, Y, N, N, N, N, N))
                        .preparedBy(PermissionMatrixContract::deliveredHook),
                read("WebhookService.deliveries", NOWHERE, (k, c, x) -> deliveryIds(k.webhooks().deliveries(c,
                                DeliveryFilter.all(), null, 100)),
                        (v, x, s) -> List.of(DELIVERIES.get(x.reseller().id().value())), expect(Y, N, N, N, N, N, N))
                        .variant("every endpoint").preparedBy(PermissionMatrixContract::deliveredHook),
                change("WebhookService.replay", AuditAction.WEBHOOK_REPLAYED, IN_RESELLER, (k, c, x) ->
                        k.webhooks().replay(c, DELIVERIES.get(x.reseller().id().value())), expect(Y, Y, N, N, N, N, N))
                        .preparedBy(PermissionMatrixContract::deliveredHook));
    }

    /** The endpoint id a cell's preparation registered, and the delivery it made to it, by reseller id. */
    private static final Map<String, String> HOOKS = new ConcurrentHashMap<>();
    private static final Map<String, String> DELIVERIES = new ConcurrentHashMap<>();
    /** The storage of the cell being prepared: a delivery is made through the port, as a sender would. */
    private static final ThreadLocal<Storage> CELL_STORAGE = new ThreadLocal<>();

    private static RegisterWebhook hookOf(Side x) {
        return RegisterWebhook.of("https://hooks." + x.reseller().id() + ".example/rk", x.reseller().id());
    }

    private static void registerHook(ResellerKit k, RequestContext vendor, Side x) {
        HOOKS.put(x.reseller().id().value(), k.webhooks().register(vendor, hookOf(x)).endpoint().id());
    }

    /** An endpoint of the side's reseller with one delivery, delivered. */
    private static void deliveredHook(ResellerKit k, RequestContext vendor, Side x) {
        registerHook(k, vendor, x);
        WebhookStore store = CELL_STORAGE.get().webhooks();
        String endpoint = HOOKS.get(x.reseller().id().value());
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        String id = Webhooks.deliveryId(endpoint, "event-" + endpoint);
        store.enqueue(StoredDelivery.pending(id, endpoint, "event-" + endpoint, "user.created", x.reseller().id(), "{}",
                now));
        assertEquals(1, store.claimDue("matrix", now, now.plusSeconds(60), 10).size());
        assertTrue(store.settle(id, "matrix", new WebhookStore.Attempt(WebhookStore.DeliveryState.DELIVERED, 1, now,
                now, 200, null)));
        DELIVERIES.put(x.reseller().id().value(), id);
    }

    private static List<String> endpointIds(List<WebhookEndpoint> endpoints) {
        return endpoints.stream().map(WebhookEndpoint::id).sorted().toList();
    }

    private static List<String> deliveryIds(List<StoredDelivery> deliveries) {
        return deliveries.stream().map(StoredDelivery::id).sorted().toList();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryOperationInEveryPlace() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            for (Actor actor : Actor.values()) {
                for (Where where : row.places()) {
                    Outcome outcome = row.expect().at(actor, where);
                    String name = actor + " " + row.name() + (where == Where.NONE ? "" : " in " + where) + " -> "
                            + outcome.name().toLowerCase().replace('_', ' ');
                    tests.add(dynamicTest(name, () -> runCell(name, row, actor, where, outcome)));
                }
            }
        }
        return tests.stream();
    }

    /** The public API, read by reflection: every method of every service the kit hands out. */
    static Set<String> publicOperations() {
        Set<String> operations = new TreeSet<>();
        for (Method accessor : ResellerKit.class.getMethods()) {
            Class<?> service = accessor.getReturnType();
            if (accessor.getParameterCount() == 0 && service.isInterface()
                    && service.getPackageName().equals(ResellerKit.class.getPackageName())) {
                for (Method m : service.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        operations.add(service.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        return operations;
    }

    @Test
    void everyPublicOperationHasARowAndEveryRowAPublicOperation() {
        Set<String> api = publicOperations();
        // Guards the reflection itself: if it found nothing, every row would look stale and none missing.
        assertTrue(api.containsAll(Set.of("ResellerService.delete", "UserService.list", "OrganizationService.get",
                "LicenseService.assignToUser", "AuditService.export")), () -> "reflected: " + api);
        Set<String> rows = table().stream().map(Row::method).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(api);
        missing.removeAll(rows);
        Set<String> unknown = new TreeSet<>(rows);
        unknown.removeAll(api);
        assertEquals(Set.of(), missing, "public operations without a row in the permission matrix");
        assertEquals(Set.of(), unknown, "rows naming no public operation");
    }

    @Test
    void noTwoRowsRunTheSameCells() {
        Set<String> seen = new HashSet<>();
        for (Row row : table()) {
            assertTrue(seen.add(row.name()), () -> "two rows named " + row.name());
        }
    }

    /** Runs one cell on a fresh world; {@code cell} names it in every failure, as surefire's report shows only its index. */
    private void runCell(String cell, Row row, Actor actor, Where where, Outcome outcome) {
        SecurityCounts.add(this, "matrix cells", 1);
        Storage storage = emptyStorage();
        World w = new World(storage);
        Fixture f = new Fixture(w, Staff.of(w), Side.of(w, w.acme), Side.sibling(w, w.acme), Side.of(w, w.beta));
        check(cell, row, storage, w, f.as(actor), f.at(where), outcome, new Viewer(actor, w.acme));
    }

    /**
     * Acme with two resellers below it, Kid and Kid 2, each with an organization, a user holding a
     * license, and an admin; Acme's caps leave room for every cell's carving.
     */
    record Tiers(World w, Staff staff, Side kid, Side kid2, RequestContext kidAdmin, Side acme) {
        static Tiers of(World w) {
            Staff staff = Staff.of(w);
            Side acme = Side.of(w, w.acme);
            Side kid = below(w, "kid");
            User kidAdmin = w.kit.users().create(w.asVendor, CreateUser.of("Kim", "Kid", "admin@kid.example",
                    Role.RESELLER_ADMIN).inReseller(kid.reseller().id()));
            return new Tiers(w, staff, kid, below(w, "kid2"), RequestContext.of(kidAdmin.id()), acme);
        }

        private static Side below(World w, String name) {
            ResellerKit kit = w.kit;
            Reseller r = kit.resellers().create(w.asVendor, CreateReseller.of(name, "ops@" + name + ".example", 20, 10)
                    .under(w.acme.reseller.id()));
            Organization org = kit.organizations().create(w.asVendor,
                    CreateOrganization.of(name + " Org", "it@" + name + ".example", 10, r.id()));
            User user = kit.users().create(w.asVendor, CreateUser.of("K", "User", "user@" + name + ".example",
                    Role.USER).inOrganization(org.id()));
            License license = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, r.id()));
            license = kit.licenses().assignToUser(w.asVendor, license.id(), user.id());
            return Side.of(w, r, org, user, license);
        }

        Set<ResellerId> acmeSubtree() {
            return Set.of(w.acme.reseller.id(), kid.reseller().id(), kid2.reseller().id());
        }
    }

    /** The reseller operations that manage a reseller as a thing: a reseller admin may, on the resellers below its own. */
    private static final Set<String> MANAGING_A_RESELLER = Set.of("ResellerService.update",
            "ResellerService.changeQuotas", "ResellerService.suspend", "ResellerService.reactivate",
            "ResellerService.terminate", "ResellerService.changeContractEnd", "ResellerService.delete");

    /**
     * What a parent's staff may do to a resource of a reseller below theirs: what they may do in
     * their own reseller, except that they manage the child reseller itself (its admin does; a
     * delete finds it in use), and its admin receives the child's organization by token.
     */
    static Outcome parentOnChild(Row row, Actor actor) {
        if (row.name().equals("ResellerService.changeQuotas (the license quota)")) {
            return N;
        }
        if (MANAGING_A_RESELLER.contains(row.method())) {
            return actor != Actor.RESELLER_ADMIN ? N : row.method().endsWith(".delete") ? U : Y;
        }
        if (row.name().equals("OrganizationService.transfer (with a token)")) {
            return actor == Actor.RESELLER_ADMIN ? Y : N;
        }
        return row.expect().at(actor, Where.OWN);
    }

    /**
     * Tiers: Acme's reseller admin and read-only staff on the resources of Kid, a reseller below
     * Acme (they reach their whole subtree), and Kid's admin on Acme's and on its sibling Kid 2's
     * (refused: a child reaches neither its parent nor a sibling). Every row whose target sits in
     * a reseller.
     */
    @TestFactory
    Stream<DynamicTest> parentStaffOnAChildsResourcesAndChildStaffOnTheParentsAndASiblings() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            if (!row.places().contains(Where.OWN)) {
                continue;
            }
            for (Actor actor : List.of(Actor.RESELLER_ADMIN, Actor.READ_ONLY)) {
                Outcome outcome = parentOnChild(row, actor);
                String name = "parent's " + actor + " " + row.name() + " in a child -> " + outcome.name().toLowerCase();
                tests.add(dynamicTest(name, () -> runTierCell(name, row, actor, t -> t.kid(), outcome)));
            }
            for (String place : List.of("parent", "sibling")) {
                String name = "child's RESELLER_ADMIN " + row.name() + " in its " + place + " -> denied";
                tests.add(dynamicTest(name, () -> runTierCell(name, row, null,
                        t -> place.equals("parent") ? t.acme() : t.kid2(), N)));
            }
        }
        return tests.stream();
    }

    /** One tier cell on a fresh world; {@code actor} null: Kid's admin. */
    private void runTierCell(String cell, Row row, Actor actor, java.util.function.Function<Tiers, Side> where,
                             Outcome outcome) {
        SecurityCounts.add(this, "matrix cells", 1);
        Storage storage = emptyStorage();
        World w = new World(storage, 300, 300);
        Tiers t = Tiers.of(w);
        Fixture acme = new Fixture(w, t.staff(), t.acme(), t.acme(), t.acme());
        RequestContext context = actor == null ? t.kidAdmin() : acme.as(actor);
        check(cell, row, storage, w, context, where.apply(t), outcome,
                new Viewer(actor == null ? Actor.RESELLER_ADMIN : actor, w.acme, t.acmeSubtree()));
    }

    /** Prepares and runs one cell, and checks its outcome, events and what it returned. */
    private static void check(String cell, Row row, Storage storage, World w, RequestContext context, Side target,
                              Outcome outcome, Viewer viewer) {
        CELL_STORAGE.set(storage);
        row.prepare().run(w.kit, w.asVendor, target);
        Snapshot before = Snapshot.of(storage);
        switch (outcome) {
            case ALLOWED -> {
                Object returned = row.call().run(w.kit, context, target);
                List<AuditEvent> added = Snapshot.of(storage).eventsSince(before);
                if (row.writes()) {
                    List<AuditAction> expected = new ArrayList<>(row.alsoLeaves());
                    expected.add(row.action());
                    assertEquals(expected.stream().sorted().toList(),
                            added.stream().map(AuditEvent::action).sorted().toList(),
                            () -> cell + ": the change's events: " + added);
                } else {
                    assertEquals(List.of(), added, cell + ": a read leaves no event");
                    assertEquals(row.returns().expected(viewer, target, before), returned,
                            cell + ": exactly what the actor may see, and nothing else");
                }
            }
            case DENIED -> {
                assertThrows(AccessDeniedException.class, () -> row.call().run(w.kit, context, target), cell);
                Snapshot after = Snapshot.of(storage);
                assertEquals(before.withoutEvents(), after.withoutEvents(), cell + ": a refusal changes nothing");
                List<AuditEvent> added = after.eventsSince(before);
                assertEquals(1, added.size(), () -> cell + ": one access.denied event: " + added);
                assertEquals(AuditAction.ACCESS_DENIED, added.get(0).action(), cell);
                assertEquals(context.actorId(), added.get(0).actorId(), cell);
            }
            case IN_USE -> {
                ConflictException e = assertThrows(ConflictException.class,
                        () -> row.call().run(w.kit, context, target), cell);
                assertEquals(ConflictException.Kind.IN_USE, e.kind(), cell);
                assertEquals(before, Snapshot.of(storage), cell + ": a conflict changes nothing and leaves no event");
            }
        }
    }

    /** The ids on a page, sorted; the page must hold them all. */
    private static List<String> ids(Page<?> page) {
        assertFalse(page.hasNext(), "the fixture fits in one page");
        return ids(page.items(), item -> true);
    }

    /** The ids of the rows that match, sorted. */
    private static <T> List<String> ids(List<T> rows, Predicate<T> match) {
        return rows.stream().filter(match).map(PermissionMatrixContract::idOf).sorted().toList();
    }

    private static Object byId(List<?> rows, String id) {
        return rows.stream().filter(r -> idOf(r).equals(id)).findFirst().orElseThrow();
    }

    private static String idOf(Object row) {
        if (row instanceof Reseller r) {
            return r.id().value();
        }
        if (row instanceof User u) {
            return u.id().value();
        }
        if (row instanceof Organization o) {
            return o.id().value();
        }
        if (row instanceof License l) {
            return l.id().value();
        }
        return ((AuditEvent) row).id().value();
    }

    /** A verification as a text that tells whether it held and how much it checked. */
    private static String verified(AuditVerification v) {
        return (v.ok() ? "ok, " : "broken, ") + v.eventsChecked() + " events";
    }

    private static List<String> exported(ResellerKit kit, RequestContext context, AuditQuery query) {
        List<AuditEvent> events = new ArrayList<>();
        kit.audit().export(context, query, events::add);
        return ids(events, e -> true);
    }

    private static List<String> exportedChained(ResellerKit kit, RequestContext context, AuditQuery query) {
        List<AuditEvent> events = new ArrayList<>();
        kit.audit().exportChained(context, query, e -> events.add(e.event()));
        return ids(events, e -> true);
    }

    /** The event ids in the first column of a CSV export, header left out (no cell here breaks a line). */
    private static List<String> exportedCsv(ResellerKit kit, RequestContext context, AuditQuery query) {
        java.io.StringWriter out = new java.io.StringWriter();
        kit.audit().exportCsv(context, query, out);
        List<String> lines = List.of(out.toString().split("\r\n"));
        assertEquals("id", lines.get(0).split(",")[0], "the header comes first");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).sorted().toList();
    }

    /**
     * A reseller's quotas and their use as DOMAIN.md counts them: its live customer users (its
     * own staff do not count) and its live organizations.
     */
    private static ResellerService.Usage usage(Snapshot s, Reseller target) {
        Reseller r = (Reseller) byId(s.resellers(), target.id().value());
        long users = s.users().stream()
                .filter(u -> r.id().equals(u.resellerId()) && !StateInvariants.RESELLER_STAFF.contains(u.role())).count();
        long organizations = s.organizations().stream().filter(o -> r.id().equals(o.resellerId())).count();
        long issued = s.licenses().stream().filter(l -> r.id().equals(l.issuedBy())).count();
        return new ResellerService.Usage(r.allowedUsers(), users, r.allowedOrganizations(), organizations,
                r.allowedLicenses(), issued);
    }
}
