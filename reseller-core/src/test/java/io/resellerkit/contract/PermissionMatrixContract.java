package io.resellerkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * own reseller (or organization, or itself) versus Beta's. The expected outcomes are written
 * out below from DOMAIN.md, independently of the policy's code. An allowed call must succeed
 * and, if it changes anything, leave exactly one event; a refused call must throw
 * {@link AccessDeniedException} and leave nothing but its one {@code access.denied} event.
 */
public abstract class PermissionMatrixContract {
    /** A storage holding no rows; called once per cell. */
    protected abstract Storage emptyStorage();

    /** Who acts: the vendor, or one of Acme's people. */
    enum Actor { VENDOR, RESELLER_ADMIN, ORGANIZATION_ADMIN, USER }

    /** The world plus, per tenant, what a cell may consume: a spare user, an empty organization, a free license. */
    record Fixture(World w, Extras acme, Extras beta) {
        RequestContext as(Actor a) {
            return switch (a) {
                case VENDOR -> w.asVendor;
                case RESELLER_ADMIN -> w.acme.asAdmin;
                case ORGANIZATION_ADMIN -> w.acme.asOrganizationAdmin;
                case USER -> w.acme.asUser;
            };
        }
    }

    record Extras(World.Tenant t, User spare, Organization emptyOrganization, License freeLicense) {
        static Extras of(World w, World.Tenant t) {
            ResellerKit kit = w.kit;
            String d = t.reseller.name().toLowerCase();
            User spare = kit.users().create(w.asVendor, CreateUser.of("Sam", "Spare", "spare@" + d + ".example",
                    Role.USER).inOrganization(t.organization.id()));
            Organization empty = kit.organizations().create(w.asVendor,
                    CreateOrganization.of("Empty " + d, "empty@" + d + ".example", 5, t.reseller.id()));
            License free = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, t.reseller.id()));
            return new Extras(t, spare, empty, free);
        }
    }

    /** One operation, run by an actor against a tenant's resources. */
    record Op(String name, boolean writes, Call call) {
    }

    @FunctionalInterface
    interface Call {
        void run(ResellerKit kit, RequestContext context, Extras target);
    }

    /** Allowed (true) or refused, for Acme's own resources and for Beta's, per actor. */
    record Expect(boolean vendor, boolean resellerAdminOwn, boolean orgAdminOwn, boolean userOwn) {
        boolean allowed(Actor a, boolean own) {
            return switch (a) {
                case VENDOR -> vendor;
                case RESELLER_ADMIN -> own && resellerAdminOwn;
                case ORGANIZATION_ADMIN -> own && orgAdminOwn;
                case USER -> own && userOwn;
            };
        }
    }

    private static final boolean Y = true;
    private static final boolean N = false;

    private static Map.Entry<Op, Expect> cell(String name, boolean writes, Call call,
                                              boolean vendor, boolean resellerAdmin, boolean orgAdmin, boolean user) {
        return Map.entry(new Op(name, writes, call), new Expect(vendor, resellerAdmin, orgAdmin, user));
    }

    static List<Map.Entry<Op, Expect>> table() {
        PageRequest p = PageRequest.first(10);
        return List.of(
                //                                                                         vendor RA  OA  user
                cell("reseller.create", Y, (k, c, x) -> k.resellers().create(c,
                        CreateReseller.of("New " + x.t().reseller.name(), "new@new.example", 1, 1)), Y, N, N, N),
                cell("reseller.get", N, (k, c, x) -> k.resellers().get(c, x.t().reseller.id()), Y, Y, N, N),
                cell("reseller.list", N, (k, c, x) -> k.resellers().list(c,
                        ResellerQuery.all().withIds(Set.of(x.t().reseller.id())), p), Y, Y, N, N),
                cell("reseller.update", Y, (k, c, x) -> k.resellers().update(c, x.t().reseller.id(),
                        UpdateReseller.changes().withPhone("+1 555")), Y, N, N, N),
                cell("reseller.changeQuotas", Y, (k, c, x) -> k.resellers().changeQuotas(c, x.t().reseller.id(),
                        ChangeQuotas.to(100, 100)), Y, N, N, N),
                cell("reseller.suspend", Y, (k, c, x) -> k.resellers().suspend(c, x.t().reseller.id()), Y, N, N, N),
                cell("reseller.usage", N, (k, c, x) -> k.resellers().usage(c, x.t().reseller.id()), Y, Y, N, N),
                cell("user.create", Y, (k, c, x) -> k.users().create(c, CreateUser.of("N", "New",
                        "new-user@" + x.t().reseller.name() + ".example", Role.USER)
                        .inOrganization(x.t().organization.id())), Y, Y, Y, N),
                cell("user.get", N, (k, c, x) -> k.users().get(c, x.t().user.id()), Y, Y, Y, Y),
                cell("user.update", Y, (k, c, x) -> k.users().update(c, x.spare().id(),
                        UpdateUser.changes().withLastName("Renamed")), Y, Y, Y, N),
                cell("user.delete", Y, (k, c, x) -> k.users().delete(c, x.spare().id()), Y, Y, Y, N),
                cell("user.list", N, (k, c, x) -> k.users().list(c,
                        UserQuery.all().inReseller(x.t().reseller.id()), p), Y, Y, Y, N),
                cell("organization.create", Y, (k, c, x) -> k.organizations().create(c, CreateOrganization.of("Fresh",
                        "fresh@fresh.example", 1, x.t().reseller.id())), Y, Y, N, N),
                cell("organization.get", N, (k, c, x) -> k.organizations().get(c, x.t().organization.id()),
                        Y, Y, Y, N),
                cell("organization.update", Y, (k, c, x) -> k.organizations().update(c, x.emptyOrganization().id(),
                        UpdateOrganization.changes().withName("Renamed")), Y, Y, N, N),
                cell("organization.delete", Y, (k, c, x) -> k.organizations().delete(c, x.emptyOrganization().id()),
                        Y, Y, N, N),
                cell("organization.list", N, (k, c, x) -> k.organizations().list(c,
                        OrganizationQuery.all().inReseller(x.t().reseller.id()), p), Y, Y, Y, N),
                cell("license.create", Y, (k, c, x) -> k.licenses().create(c,
                        CreateLicense.of("pro", 1, null, x.t().reseller.id())), Y, N, N, N),
                cell("license.get", N, (k, c, x) -> k.licenses().get(c, x.t().license.id()), Y, Y, N, Y),
                cell("license.allocate", Y, (k, c, x) -> k.licenses().allocate(c, x.freeLicense().id(), null),
                        Y, N, N, N),
                cell("license.assignToUser", Y, (k, c, x) -> k.licenses().assignToUser(c, x.freeLicense().id(),
                        x.spare().id()), Y, Y, N, N),
                cell("license.assignToOrganization", Y, (k, c, x) -> k.licenses().assignToOrganization(c,
                        x.freeLicense().id(), x.t().organization.id()), Y, Y, N, N),
                cell("license.unassign", Y, (k, c, x) -> k.licenses().unassign(c, x.t().license.id()), Y, Y, N, N),
                cell("license.suspend", Y, (k, c, x) -> k.licenses().suspend(c, x.t().license.id()), Y, N, N, N),
                cell("license.unsuspend", Y, (k, c, x) -> k.licenses().unsuspend(c, x.t().license.id()), Y, N, N, N),
                cell("license.revoke", Y, (k, c, x) -> k.licenses().revoke(c, x.t().license.id()), Y, N, N, N),
                cell("license.list", N, (k, c, x) -> k.licenses().list(c,
                        LicenseQuery.all().inReseller(x.t().reseller.id()), p), Y, Y, Y, Y),
                cell("audit.query", N, (k, c, x) -> k.audit().query(c,
                        AuditQuery.all().forReseller(x.t().reseller.id()), p), Y, Y, N, N),
                cell("audit.export", N, (k, c, x) -> k.audit().export(c,
                        AuditQuery.all().forReseller(x.t().reseller.id()), e -> { }), Y, Y, N, N));
    }

    /** How many cells the matrix has, for reports. */
    public static int cellCount() {
        return table().size() * Actor.values().length * 2;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryOperationOwnVersusOther() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Op, Expect> row : table()) {
            for (Actor actor : Actor.values()) {
                for (boolean own : new boolean[] {true, false}) {
                    boolean allowed = row.getValue().allowed(actor, own);
                    String name = actor + " " + row.getKey().name() + " on " + (own ? "own" : "other") + " -> "
                            + (allowed ? "allowed" : "denied");
                    tests.add(dynamicTest(name, () -> runCell(row.getKey().name(), actor, own, allowed)));
                }
            }
        }
        return tests.stream();
    }

    private void runCell(String opName, Actor actor, boolean own, boolean allowed) {
        SecurityCounts.add(this, "matrix cells", 1);
        Storage storage = emptyStorage();
        World w = new World(storage);
        Fixture f = new Fixture(w, Extras.of(w, w.acme), Extras.of(w, w.beta));
        Op op = table().stream().map(Map.Entry::getKey).filter(o -> o.name().equals(opName)).findFirst()
                .orElseThrow();
        Snapshot before = Snapshot.of(storage);
        Runnable call = () -> op.call().run(w.kit, f.as(actor), own ? f.acme() : f.beta());
        if (allowed) {
            call.run();
            List<AuditEvent> added = Snapshot.of(storage).eventsSince(before);
            if (op.writes()) {
                assertEquals(1, added.size(), () -> "one event for the change: " + added);
                assertTrue(!added.get(0).action().equals(AuditAction.ACCESS_DENIED));
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
