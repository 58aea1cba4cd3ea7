package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.OrganizationService.Imported;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService.Usage;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.command.ImportCustomers.Customer;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk import of customers ({@code OrganizationService.importCustomers}): all or nothing, with
 * the single creates' validation, permissions, quotas and audit. After every test the state
 * invariants hold (counters equal rows at every tier; the trail replays to the rows).
 */
public abstract class BulkImportContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private final AtomicInteger emails = new AtomicInteger();
    private Storage storage;
    private World w;
    private ResellerKit kit;
    private Reseller shop;
    private RequestContext asShopAdmin;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
        shop = kit.resellers().create(w.asVendor, CreateReseller.of("Shop", "ops@shop.example", 6, 3));
        asShopAdmin = RequestContext.of(kit.users().create(w.asVendor, CreateUser.of("Sam", "Shop",
                "admin@shop.example", Role.RESELLER_ADMIN).inReseller(shop.id())).id());
    }

    @AfterEach
    void invariantsHold() {
        StateInvariants.assertHold(Snapshot.of(storage), "after the test");
    }

    private CreateUser user(Role role) {
        return CreateUser.of("Imp", "Orted", "imported" + emails.incrementAndGet() + "@customer.example", role);
    }

    private Customer customer(String name, int allowedUsers, int users) {
        List<CreateUser> list = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            list.add(user(i == 0 ? Role.ORGANIZATION_ADMIN : Role.USER));
        }
        return new Customer(CreateOrganization.of(name, "it@" + name.toLowerCase() + ".example", allowedUsers, null), list);
    }

    private Imported importInto(RequestContext as, Reseller into, Customer... customers) {
        return kit.organizations().importCustomers(as, ImportCustomers.of(into.id(), List.of(customers)));
    }

    private Usage usage(Reseller r) {
        return kit.resellers().usage(w.asVendor, r.id());
    }

    @Test
    void anImportCreatesEveryCustomerInItsOrganizationWithOneEventPerRowAndTakesItsSlots() {
        Snapshot before = Snapshot.of(storage);
        Imported done = importInto(asShopAdmin, shop, customer("Alpha", 3, 3), customer("Beta", -1, 2));

        assertEquals(2, done.organizations().size());
        assertEquals(5, done.users().size());
        Organization alpha = done.organizations().get(0);
        assertEquals(shop.id(), alpha.resellerId());
        for (User u : done.users().subList(0, 3)) {
            assertEquals(alpha.id(), u.organizationId());
            assertEquals(shop.id(), u.resellerId());
        }
        assertEquals(kit.users().get(w.asVendor, done.users().get(4).id()), done.users().get(4), "stored as returned");
        Usage u = usage(shop);
        assertEquals(5, u.users());
        assertEquals(2, u.organizations());
        List<AuditEvent> added = Snapshot.of(storage).eventsSince(before);
        assertEquals(7, added.size(), "one event per row");
        assertEquals(2, added.stream().filter(e -> e.action() == AuditAction.ORGANIZATION_CREATED).count());
        assertTrue(added.stream().allMatch(e -> shop.id().equals(e.resellerId())));
        assertTrue(kit.audit().verify(w.asVendor, shop.id()).ok(), "the chain links the batch");
        // Single creates go on after it, in the same chain and under the same counters.
        kit.users().create(asShopAdmin, user(Role.USER).inOrganization(done.organizations().get(1).id()));
        assertTrue(kit.audit().verify(w.asVendor, shop.id()).ok());
    }

    /** More rows than a database adapter inserts in one statement (500): every chunk stored, the chain whole. */
    @Test
    void anImportOfMoreRowsThanOneStatementHoldsStoresThemAllOnAChainThatVerifies() {
        kit.resellers().changeQuotas(w.asVendor, shop.id(), io.resellerkit.command.ChangeQuotas.to(2_000, 3));
        Snapshot before = Snapshot.of(storage);
        Imported done = importInto(asShopAdmin, shop, customer("Big", -1, 700), customer("Bigger", -1, 501));

        assertEquals(1_201, done.users().size());
        assertEquals(1_201, usage(shop).users());
        Snapshot after = Snapshot.of(storage);
        assertEquals(1_201, after.users().size() - before.users().size());
        assertEquals(1_201 + 2, after.eventsSince(before).size(), "an event per row");
        assertTrue(kit.audit().verify(w.asVendor, shop.id()).ok());
    }

    @Test
    void anImportPastTheResellersUserQuotaIsRefusedAsAWholeNamingQuotaLimitAndUse() {
        importInto(asShopAdmin, shop, customer("Alpha", -1, 2));
        QuotaExceededException e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class,
                AuditAction.QUOTA_EXCEEDED, () -> importInto(asShopAdmin, shop, customer("Beta", -1, 3),
                        customer("Gamma", -1, 2)));
        assertEquals("reseller.allowedUsers", e.quota());
        assertEquals(6, e.limit());
        assertEquals(2, e.usage());
        // What fits still goes in.
        importInto(asShopAdmin, shop, customer("Beta", -1, 4));
        assertEquals(6, usage(shop).users());
    }

    @Test
    void anImportPastAnOrganizationsOwnCapOrTheOrganizationQuotaIsRefusedWritingNothing() {
        QuotaExceededException e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class,
                AuditAction.QUOTA_EXCEEDED, () -> importInto(asShopAdmin, shop, customer("Alpha", 1, 2)));
        assertEquals("organization.allowedUsers", e.quota());
        e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class, AuditAction.QUOTA_EXCEEDED,
                () -> importInto(asShopAdmin, shop, customer("A", 1, 1), customer("B", 1, 1), customer("C", 1, 1),
                        customer("D", 1, 1)));
        assertEquals("reseller.allowedOrganizations", e.quota());
        assertEquals(3, e.limit());
    }

    @Test
    void aBadRowIsRefusedNamingItsIndexAndFieldAndNothingIsWritten() {
        Customer bad = new Customer(CreateOrganization.of("Bad", "it@bad.example", 5, null),
                List.of(user(Role.USER), CreateUser.of("No", "Mail", "not-an-email", Role.USER)));
        ValidationException e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> importInto(asShopAdmin, shop, customer("Fine", 5, 1), bad));
        assertEquals("customers[1].users[1].email", e.violations().get(0).field());
        Customer nameless = new Customer(CreateOrganization.of(" ", "it@x.example", 5, null), List.of());
        e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> importInto(asShopAdmin, shop, nameless));
        assertEquals("customers[0].organization.name", e.violations().get(0).field());
        e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null, () -> importInto(asShopAdmin,
                shop, new Customer(CreateOrganization.of("P", "p@p.example", 5, null),
                        List.of(user(Role.USER).inOrganization(w.acme.organization.id())))));
        assertEquals("customers[0].users[0].organizationId", e.violations().get(0).field());
        e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null, () -> importInto(w.asVendor,
                shop, new Customer(CreateOrganization.of("P", "p@p.example", 5, null), List.of(user(Role.RESELLER_SUPPORT)))));
        assertEquals("role", e.violations().get(0).field(), "staff are not customers");
        assertThrows(ValidationException.class, () -> kit.organizations().importCustomers(asShopAdmin,
                new ImportCustomers(shop.id(), List.of())));
    }

    @Test
    void anEmailTwiceInTheImportOrAlreadyStoredIsRefusedNamingTheRow() {
        CreateUser first = user(Role.USER);
        ValidationException twice = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> importInto(asShopAdmin, shop, new Customer(CreateOrganization.of("T", "t@t.example", 5, null),
                        List.of(first, CreateUser.of("Same", "Mail", first.email().toUpperCase(), Role.USER)))));
        assertEquals("customers[0].users[1].email", twice.violations().get(0).field());
        assertEquals("Unique", twice.violations().get(0).rule());
        ConflictException taken = Refusals.assertRefusedLeavingOnly(storage, ConflictException.class, null,
                () -> importInto(asShopAdmin, shop, customer("Fine", 5, 1), new Customer(
                        CreateOrganization.of("T", "t@t.example", 5, null),
                        List.of(user(Role.USER), CreateUser.of("Al", "Ready", w.acme.user.email(), Role.USER)))));
        assertEquals(ConflictException.Kind.DUPLICATE, taken.kind());
        assertTrue(taken.getMessage().contains("customers[1].users[1].email"), taken.getMessage());
    }

    @Test
    void onlyTheVendorAndTheResellersAdminsAndSalesImportAndOnlyIntoTheirReach() {
        Refusals.assertDenied(storage, () -> importInto(w.acme.asAdmin, shop, customer("X", 5, 1)));
        User support = kit.users().create(w.asVendor, CreateUser.of("Sue", "Support", "support@shop.example",
                Role.RESELLER_SUPPORT).inReseller(shop.id()));
        Refusals.assertDenied(storage, () -> importInto(RequestContext.of(support.id()), shop, customer("X", 5, 1)));
        Refusals.assertDenied(storage, () -> importInto(w.acme.asOrganizationAdmin, w.acme.reseller, customer("X", 5, 1)));
        User sales = kit.users().create(w.asVendor, CreateUser.of("Sal", "Sales", "sales@shop.example",
                Role.RESELLER_SALES).inReseller(shop.id()));
        assertEquals(1, importInto(RequestContext.of(sales.id()), shop, customer("Sold", 5, 2)).organizations().size());
        assertEquals(1, importInto(w.asVendor, shop, customer("Direct", 5, 1)).organizations().size());
        kit.resellers().suspend(w.asVendor, shop.id());
        Refusals.assertDenied(storage, () -> importInto(asShopAdmin, shop, customer("Late", 5, 1)));
    }

    @Test
    void anImportTakesNoIdempotencyKeyBecauseItsEmailsMakeARepeatFail() {
        RequestContext keyed = asShopAdmin.withIdempotencyKey("import-1");
        ValidationException e = assertThrows(ValidationException.class, () -> importInto(keyed, shop,
                customer("K", 5, 1)));
        assertEquals("idempotencyKey", e.violations().get(0).field());
        Customer once = customer("Once", 5, 1);
        importInto(asShopAdmin, shop, once);
        Refusals.assertRefusedLeavingOnly(storage, ConflictException.class, null,
                () -> importInto(asShopAdmin, shop, once));
        assertEquals(1, usage(shop).organizations(), "the repeat took no slot");
    }

    @Test
    void twoConcurrentImportsThatTogetherPassTheCapAreOneInAndOneRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (String name : List.of("Left", "Right")) {
                Customer c = customer(name, -1, 4);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        importInto(asShopAdmin, shop, c);
                        return "in";
                    } catch (ResellerKitException e) {
                        return e.getClass().getSimpleName();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(List.of("QuotaExceededException", "in"), results.stream().sorted().toList());
            assertEquals(4, usage(shop).users());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImportOfMoreThanTenThousandUsersIsRefusedBeforeAnythingIsRead() {
        List<CreateUser> many = new ArrayList<>();
        for (int i = 0; i <= ImportCustomers.MAX_ROWS; i++) {
            many.add(CreateUser.of("M", "Any", "many" + i + "@many.example", Role.USER));
        }
        ValidationException e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> importInto(asShopAdmin, shop, new Customer(CreateOrganization.of("M", "m@m.example", -1, null),
                        many)));
        assertTrue(e.violations().get(0).field().startsWith("customers"), e.violations().get(0).field());
    }
}
