package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.Page;
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
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.ErrorCode;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.error.Violation;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.TimeRange;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public API driven end to end on an adapter: quotas, suspension, audit, validation,
 * optimistic concurrency, paging and the concurrency case. Every adapter's test extends it.
 */
public abstract class ResellerKitContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    protected Storage storage;
    protected World w;
    protected ResellerKit kit;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage, 3, 1);
        kit = w.kit;
    }

    // ---- resellers ----

    @Test
    void createdResellerIsReturnedWholeAndAuditedWithItsFields() {
        Reseller r = kit.resellers().create(w.asVendor, new CreateReseller("Gamma", "Sales@Gamma.example", "+1 555",
                null, 5, -1, Map.of("region", "apac")));
        assertEquals("sales@gamma.example", r.email());
        assertEquals(ResellerStatus.ACTIVE, r.status());
        assertEquals(1, r.version());
        assertEquals(r, kit.resellers().get(w.asVendor, r.id()));
        AuditEvent e = only(AuditQuery.all().forReseller(r.id()).withActions(Set.of(AuditAction.RESELLER_CREATED)));
        assertEquals(w.vendor.id(), e.actorId());
        assertEquals(Role.ADMIN, e.actorRole());
        assertEquals("req-vendor", e.requestId());
        assertTrue(e.changes().contains(new FieldChange("name", null, "Gamma")));
        assertTrue(e.changes().contains(new FieldChange("metadata.region", null, "apac")));
        assertTrue(e.changes().contains(new FieldChange("allowedOrganizations", null, "-1")));
    }

    @Test
    void partialUpdateKeepsFieldsLeftOutAndAuditsOnlyWhatChanged() {
        Reseller before = w.acme.reseller;
        Reseller after = kit.resellers().update(w.asVendor, before.id(), UpdateReseller.changes().withPhone("+44 20"));
        assertEquals("+44 20", after.phone());
        assertEquals(before.name(), after.name());
        assertEquals(before.email(), after.email());
        assertEquals(before.version() + 1, after.version());
        AuditEvent e = only(AuditQuery.all().withActions(Set.of(AuditAction.RESELLER_UPDATED)));
        assertEquals(List.of(new FieldChange("phone", null, "+44 20")), e.changes());
    }

    @Test
    void updateAgainstAnOlderVersionIsAConflictAndChangesNothing() {
        Reseller r = w.acme.reseller;
        kit.resellers().update(w.asVendor, r.id(), UpdateReseller.changes().withName("Acme 2"));
        ConflictException e = assertThrows(ConflictException.class, () -> kit.resellers().update(w.asVendor, r.id(),
                UpdateReseller.changes().withName("Acme 3").ifVersion(r.version())));
        assertEquals(ConflictException.Kind.STALE_VERSION, e.kind());
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("Acme 2", kit.resellers().get(w.asVendor, r.id()).name());
    }

    @Test
    void resellerWithUsersOrganizationsOrLicensesCannotBeDeleted() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> kit.resellers().delete(w.asVendor, w.acme.reseller.id()));
        assertEquals(ConflictException.Kind.IN_USE, e.kind());
        Reseller empty = kit.resellers().create(w.asVendor, CreateReseller.of("Empty", "e@empty.example", 1, 1));
        kit.resellers().delete(w.asVendor, empty.id());
        assertThrows(io.resellerkit.error.NotFoundException.class, () -> kit.resellers().get(w.asVendor, empty.id()));
        assertEquals(1, events(AuditQuery.all().withActions(Set.of(AuditAction.RESELLER_DELETED))).size());
        assertCounterGone(new UsageCounter(UsageCounter.Kind.RESELLER_USERS, empty.id().value()));
        assertCounterGone(new UsageCounter(UsageCounter.Kind.RESELLER_ORGANIZATIONS, empty.id().value()));
    }

    @Test
    void onlyTheVendorDeletesAReseller() {
        // An empty reseller: nothing in it would stop the delete, so only the permission check can.
        Reseller empty = kit.resellers().create(w.asVendor, CreateReseller.of("Empty", "e@empty.example", 1, 1));
        for (RequestContext actor : List.of(w.acme.asAdmin, w.acme.asOrganizationAdmin, w.acme.asUser)) {
            Refusals.assertDenied(storage, () -> kit.resellers().delete(actor, empty.id()));
        }
        assertEquals(empty, kit.resellers().get(w.asVendor, empty.id()));
    }

    @Test
    void stateChangesReturnTheResourceAsChanged() {
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, null));
        License allocated = kit.licenses().allocate(w.asVendor, l.id(), w.acme.reseller.id());
        assertEquals(w.acme.reseller.id(), allocated.resellerId());
        assertTrue(kit.licenses().suspend(w.asVendor, l.id()).suspended());
        License unsuspended = kit.licenses().unsuspend(w.asVendor, l.id());
        assertFalse(unsuspended.suspended());
        License revoked = kit.licenses().revoke(w.asVendor, l.id());
        assertTrue(revoked.revoked());
        assertEquals(revoked, kit.licenses().get(w.asVendor, l.id()));

        assertEquals(ResellerStatus.SUSPENDED, kit.resellers().suspend(w.asVendor, w.acme.reseller.id()).status());
        Reseller reactivated = kit.resellers().reactivate(w.asVendor, w.acme.reseller.id());
        assertEquals(ResellerStatus.ACTIVE, reactivated.status());
        assertEquals(reactivated, kit.resellers().get(w.asVendor, w.acme.reseller.id()));
    }

    // ---- partner lifecycle ----

    @Test
    void aTerminatedResellersAdminsLoseAllAccessWhileItsCustomersKeepWorking() {
        Reseller terminated = kit.resellers().terminate(w.asVendor, w.acme.reseller.id());
        assertEquals(ResellerStatus.TERMINATED, terminated.status());

        Refusals.assertDenied(storage, () -> kit.resellers().get(w.acme.asAdmin, w.acme.reseller.id()));
        Refusals.assertDenied(storage, () -> kit.users().list(w.acme.asAdmin, UserQuery.all(), PageRequest.first(10)));
        Refusals.assertDenied(storage, () -> kit.organizations().create(w.acme.asAdmin,
                CreateOrganization.of("Late", "late@acme.example", 1, w.acme.reseller.id())));
        // Its customers are the vendor's customers too: they keep working, and the data stays.
        User added = kit.users().create(w.acme.asOrganizationAdmin, CreateUser.of("Cara", "Customer",
                "cara@customer.acme.example", Role.USER).inOrganization(w.acme.organization.id()));
        assertEquals(w.acme.user, kit.users().get(w.acme.asUser, w.acme.user.id()));
        assertEquals(added, kit.users().get(w.asVendor, added.id()));
        assertEquals(w.acme.admin, kit.users().get(w.asVendor, w.acme.admin.id()));
    }

    @Test
    void terminationIsFinal() {
        kit.resellers().terminate(w.asVendor, w.acme.reseller.id());
        for (var change : List.<java.util.function.Supplier<Reseller>>of(
                () -> kit.resellers().reactivate(w.asVendor, w.acme.reseller.id()),
                () -> kit.resellers().suspend(w.asVendor, w.acme.reseller.id()),
                () -> kit.resellers().terminate(w.asVendor, w.acme.reseller.id()))) {
            assertEquals(ConflictException.Kind.INVALID_STATE, assertThrows(ConflictException.class, change::get).kind());
        }
        assertEquals(ResellerStatus.TERMINATED, kit.resellers().get(w.asVendor, w.acme.reseller.id()).status());
    }

    @Test
    void anInvitedResellersAdminsReadButChangeNothingUntilTheVendorActivatesIt() {
        Reseller invited = kit.resellers().create(w.asVendor,
                CreateReseller.of("Newco", "ops@newco.example", 5, 2).invited());
        assertEquals(ResellerStatus.INVITED, invited.status());
        User admin = kit.users().create(w.asVendor, CreateUser.of("Nia", "Newco", "nia@newco.example",
                Role.RESELLER_ADMIN).inReseller(invited.id()));
        RequestContext asAdmin = RequestContext.of(admin.id());
        CreateOrganization firstCustomer = CreateOrganization.of("First", "first@newco.example", 2, invited.id());

        assertEquals(invited, kit.resellers().get(asAdmin, invited.id()));
        Refusals.assertDenied(storage, () -> kit.organizations().create(asAdmin, firstCustomer));

        assertEquals(ResellerStatus.ACTIVE, kit.resellers().reactivate(w.asVendor, invited.id()).status());
        assertEquals("First", kit.organizations().create(asAdmin, firstCustomer).name());
    }

    @Test
    void aResellerWhoseContractHasEndedCountsAsSuspendedFromThatMomentOn() {
        java.time.Instant end = w.clock.instant().plus(java.time.Duration.ofHours(1));
        Reseller r = kit.resellers().changeContractEnd(w.asVendor, w.acme.reseller.id(), end);
        assertEquals(end, r.contractEndsAt());
        kit.organizations().update(w.acme.asAdmin, w.acme.organization.id(), UpdateOrganization.changes().withName("Before"));

        w.clock.advance(java.time.Duration.ofHours(2));
        Refusals.assertDenied(storage, () -> kit.organizations().update(w.acme.asAdmin, w.acme.organization.id(),
                UpdateOrganization.changes().withName("After")));
        assertEquals("Before", kit.organizations().get(w.acme.asAdmin, w.acme.organization.id()).name(), "reads go on");
        assertEquals(ResellerStatus.ACTIVE, kit.resellers().get(w.asVendor, w.acme.reseller.id()).status(),
                "no scheduler changed the stored status");

        // A renewed contract lifts it at once.
        kit.resellers().changeContractEnd(w.asVendor, w.acme.reseller.id(), null);
        assertEquals("After", kit.organizations().update(w.acme.asAdmin, w.acme.organization.id(),
                UpdateOrganization.changes().withName("After")).name());
    }

    /** The public API promises a ValidationException naming the argument; a new method is held to it too. */
    @Test
    void aNullArgumentToAnyServiceMethodIsAValidationExceptionNamingItAndWritesNothing() throws Exception {
        Map<Class<?>, Object> valid = Map.ofEntries(
                Map.entry(RequestContext.class, w.asVendor),
                Map.entry(io.resellerkit.model.ResellerId.class, w.beta.reseller.id()),
                Map.entry(io.resellerkit.model.UserId.class, w.beta.user.id()),
                Map.entry(io.resellerkit.model.OrganizationId.class, w.beta.organization.id()),
                Map.entry(io.resellerkit.model.LicenseId.class, w.beta.license.id()),
                Map.entry(CreateReseller.class, CreateReseller.of("N", "n@null.example", 1, 1)),
                Map.entry(CreateUser.class, CreateUser.of("N", "Null", "n@null.example", Role.USER)),
                Map.entry(CreateOrganization.class, CreateOrganization.of("N", "n@null.example", 1, null)),
                Map.entry(io.resellerkit.command.ImportCustomers.class, io.resellerkit.command.ImportCustomers.of(
                        w.acme.reseller.id(), List.of(io.resellerkit.command.ImportCustomers.Customer.of(
                                CreateOrganization.of("N", "n@null.example", 1, null))))),
                Map.entry(CreateLicense.class, CreateLicense.of("pro", 1, null, null)),
                Map.entry(UpdateReseller.class, UpdateReseller.changes().withName("N")),
                Map.entry(UpdateUser.class, UpdateUser.changes().withLastName("N")),
                Map.entry(UpdateOrganization.class, UpdateOrganization.changes().withName("N")),
                Map.entry(ChangeQuotas.class, ChangeQuotas.to(5, 5)),
                Map.entry(io.resellerkit.query.ResellerQuery.class, io.resellerkit.query.ResellerQuery.all()),
                Map.entry(UserQuery.class, UserQuery.all()),
                Map.entry(io.resellerkit.query.OrganizationQuery.class, io.resellerkit.query.OrganizationQuery.all()),
                Map.entry(LicenseQuery.class, LicenseQuery.all()),
                Map.entry(AuditQuery.class, AuditQuery.all()),
                Map.entry(PageRequest.class, PageRequest.first(10)),
                Map.entry(long.class, 1L),
                Map.entry(int.class, 10),
                Map.entry(java.time.Instant.class, java.time.Instant.parse("2030-01-01T00:00:00Z")),
                Map.entry(java.util.function.Consumer.class, (java.util.function.Consumer<Object>) e -> { }),
                Map.entry(java.io.Writer.class, new java.io.StringWriter()),
                Map.entry(String.class, "not-a-token"),
                Map.entry(io.resellerkit.command.RegisterWebhook.class, io.resellerkit.command.RegisterWebhook.of(
                        "https://hooks.null.example/rk", w.beta.reseller.id())),
                Map.entry(io.resellerkit.spi.WebhookStore.DeliveryFilter.class,
                        io.resellerkit.spi.WebhookStore.DeliveryFilter.all()),
                Map.entry(io.resellerkit.spi.WebhookStore.StoredDelivery.class,
                        io.resellerkit.spi.WebhookStore.StoredDelivery.pending("d", "we_none", "e", "user.created", null,
                                "{}", java.time.Instant.parse("2030-01-01T00:00:00Z"))));
        Map<Class<?>, Object> services = Map.of(io.resellerkit.ResellerService.class, kit.resellers(),
                io.resellerkit.UserService.class, kit.users(), io.resellerkit.OrganizationService.class,
                kit.organizations(), io.resellerkit.LicenseService.class, kit.licenses(),
                io.resellerkit.AuditService.class, kit.audit(), io.resellerkit.WebhookService.class, kit.webhooks());
        int checked = 0;
        for (var service : services.entrySet()) {
            for (java.lang.reflect.Method m : service.getKey().getMethods()) {
                if (!java.lang.reflect.Modifier.isAbstract(m.getModifiers())) {
                    continue;
                }
                java.lang.reflect.Parameter[] params = m.getParameters();
                for (int i = 0; i < params.length; i++) {
                    String name = service.getKey().getSimpleName() + "." + m.getName() + "(" + params[i].getName() + ")";
                    if (params[i].getType().isPrimitive()) {
                        continue; // cannot be null
                    }
                    if (m.getName().equals("changeContractEnd") && params[i].getType() == java.time.Instant.class) {
                        continue; // documented: null means the contract has no end
                    }
                    if (m.getName().equals("verify") && params[i].getType() == io.resellerkit.model.ResellerId.class) {
                        continue; // documented: null verifies the vendor's chains
                    }
                    if (m.getName().equals("allocate") && params[i].getType() == io.resellerkit.model.ResellerId.class) {
                        continue; // documented: a null reseller takes the license back
                    }
                    if (m.getName().equals("erase") && !params[i].getName().equals("context")) {
                        continue; // documented: a user id or an email, either may be null
                    }
                    if (m.getName().equals("transfer") && params[i].getType() == String.class) {
                        continue; // documented: the vendor transfers without a token
                    }
                    if (service.getKey() == io.resellerkit.WebhookService.class && (params[i].getName().equals("after")
                            || m.getName().equals("list") && !params[i].getName().equals("context"))) {
                        continue; // documented: no cursor is the first page; no reseller lists every endpoint
                    }
                    assertTrue(params[i].isNamePresent(), "the core is compiled with -parameters");
                    Object[] args = new Object[params.length];
                    for (int j = 0; j < params.length; j++) {
                        args[j] = j == i ? null : java.util.Objects.requireNonNull(valid.get(params[j].getType()),
                                () -> "no valid value for " + name);
                    }
                    Snapshot before = Snapshot.of(storage);
                    java.lang.reflect.InvocationTargetException thrown = assertThrows(
                            java.lang.reflect.InvocationTargetException.class, () -> m.invoke(service.getValue(), args),
                            () -> name + " accepted null");
                    ValidationException e = org.junit.jupiter.api.Assertions.assertInstanceOf(ValidationException.class,
                            thrown.getCause(), name);
                    String field = params[i].getName();
                    assertTrue(e.violations().stream().anyMatch(v -> v.field().equals(field)), () -> name + ": " + e);
                    assertEquals(before, Snapshot.of(storage), () -> name + " wrote something");
                    checked++;
                }
            }
        }
        assertTrue(checked > 60, "every argument of every method: " + checked);
        ValidationException e = assertThrows(ValidationException.class, () -> kit.bootstrapAdmin(null));
        assertEquals("command", e.violations().get(0).field());
    }

    @Test
    void bootstrapValidatesItsCommandBeforeAnythingElse() {
        Snapshot before = Snapshot.of(storage);
        // An admin exists already, so only validation can answer with a ValidationException.
        ValidationException e = assertThrows(ValidationException.class, () -> kit.bootstrapAdmin(
                CreateUser.of(" ", "Admin", "second@vendor.example", Role.ADMIN)));
        assertEquals("firstName", e.violations().get(0).field());
        assertEquals(before, Snapshot.of(storage));
    }

    @Test
    void userIdByEmailFindsTheUserWhateverTheCaseAndWritesNothing() {
        Snapshot before = Snapshot.of(storage);
        User ann = w.acme.admin;
        assertEquals(Optional.of(ann.id()), kit.userIdByEmail(ann.email().toUpperCase(Locale.ROOT)));
        assertEquals(Optional.of(w.vendor.id()), kit.userIdByEmail(w.vendor.email()));
        assertEquals(before, Snapshot.of(storage));
    }

    @Test
    void userIdByEmailFindsNobodyForAnUnknownOrMalformedEmail() {
        assertEquals(Optional.empty(), kit.userIdByEmail("nobody@nowhere.example"));
        assertEquals(Optional.empty(), kit.userIdByEmail(null));
        assertEquals(Optional.empty(), kit.userIdByEmail(" "));
        assertEquals(Optional.empty(), kit.userIdByEmail("a".repeat(300) + "@x.example"));
        assertEquals(Optional.empty(), kit.userIdByEmail(w.vendor.email() + "\n"));
        // Equality, not a prefix or a pattern: a wildcard finds nobody.
        assertEquals(Optional.empty(), kit.userIdByEmail("%"));
        assertEquals(Optional.empty(), kit.userIdByEmail(w.vendor.email().substring(0, 3)));
    }

    @Test
    void everyListShowsWhatIsInTheListersScopeWithOrWithoutItsOwnFilters() {
        World.Tenant acme = w.acme;
        PageRequest p = PageRequest.first(100);
        License forOrganization = kit.licenses().assignToOrganization(acme.asAdmin, kit.licenses().create(w.asVendor,
                CreateLicense.of("pro", 1, null, acme.reseller.id())).id(), acme.organization.id());
        var own = Set.of(acme.reseller.id());
        // A reseller admin: its reseller, its users, its organization, its licenses.
        assertEquals(Set.of(acme.reseller.id()), ids(kit.resellers().list(acme.asAdmin,
                io.resellerkit.query.ResellerQuery.all(), p), Reseller::id));
        assertEquals(Set.of(acme.reseller.id()), ids(kit.resellers().list(acme.asAdmin,
                io.resellerkit.query.ResellerQuery.all().withIds(own), p), Reseller::id));
        var acmeUsers = Set.of(acme.admin.id(), acme.organizationAdmin.id(), acme.user.id());
        assertEquals(acmeUsers, ids(kit.users().list(acme.asAdmin, UserQuery.all(), p), User::id));
        assertEquals(acmeUsers, ids(kit.users().list(acme.asAdmin, UserQuery.all().withResellerIds(own), p), User::id));
        assertEquals(Set.of(acme.organization.id()), ids(kit.organizations().list(acme.asAdmin,
                io.resellerkit.query.OrganizationQuery.all().withResellerIds(own), p), Organization::id));
        var acmeLicenses = Set.of(acme.license.id(), forOrganization.id());
        assertEquals(acmeLicenses, ids(kit.licenses().list(acme.asAdmin, LicenseQuery.all(), p), License::id));
        assertEquals(acmeLicenses, ids(kit.licenses().list(acme.asAdmin, LicenseQuery.all().withResellerIds(own), p),
                License::id));
        assertFalse(kit.audit().query(acme.asAdmin, AuditQuery.all().forReseller(acme.reseller.id()), p).items().isEmpty());
        // An organization admin: its organization, its members, the licenses assigned to the organization.
        var members = Set.of(acme.organizationAdmin.id(), acme.user.id());
        for (UserQuery q : List.of(UserQuery.all(), UserQuery.all().withResellerIds(own),
                UserQuery.all().inOrganization(acme.organization.id()))) {
            assertEquals(members, ids(kit.users().list(acme.asOrganizationAdmin, q, p), User::id), q::toString);
        }
        for (var q : List.of(io.resellerkit.query.OrganizationQuery.all(),
                io.resellerkit.query.OrganizationQuery.all().withResellerIds(own))) {
            assertEquals(Set.of(acme.organization.id()), ids(kit.organizations().list(acme.asOrganizationAdmin, q, p),
                    Organization::id), q::toString);
        }
        for (LicenseQuery q : List.of(LicenseQuery.all(), LicenseQuery.all().withResellerIds(own))) {
            assertEquals(Set.of(forOrganization.id()), ids(kit.licenses().list(acme.asOrganizationAdmin, q, p),
                    License::id), q::toString);
        }
        // A user: the licenses assigned to it.
        for (LicenseQuery q : List.of(LicenseQuery.all(), LicenseQuery.all().withResellerIds(own))) {
            assertEquals(Set.of(acme.license.id()), ids(kit.licenses().list(acme.asUser, q, p), License::id),
                    q::toString);
        }
    }

    @Test
    void resellersOrganizationsAndLicensesPageOnceOverEveryRow() {
        for (int i = 0; i < 3; i++) {
            Reseller r = kit.resellers().create(w.asVendor, CreateReseller.of("R" + i, "r" + i + "@r.example", 1, 1));
            kit.organizations().create(w.asVendor, CreateOrganization.of("O" + i, "o" + i + "@o.example", 1, null));
            kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, r.id()));
        }
        assertPagesOnce(5, p -> kit.resellers().list(w.asVendor, io.resellerkit.query.ResellerQuery.all(), p));
        assertPagesOnce(5, p -> kit.organizations().list(w.asVendor, io.resellerkit.query.OrganizationQuery.all(), p));
        assertPagesOnce(5, p -> kit.licenses().list(w.asVendor, LicenseQuery.all(), p));
    }

    // ---- quotas ----

    @Test
    void userCreatePastTheResellerCapIsRefusedWithLimitAndUsageAndWritesNothing() {
        // Acme: allowedUsers 3, and the world gave it 2 customer users already (its admin is staff).
        kit.users().create(w.acme.asAdmin, CreateUser.of("C", "Three", "three@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> kit.users().create(w.acme.asAdmin,
                CreateUser.of("D", "Four", "four@acme.example", Role.USER).inReseller(w.acme.reseller.id())));
        assertEquals(3, e.limit());
        assertEquals(3, e.usage());
        assertEquals("reseller.allowedUsers", e.quota());
        assertEquals(ErrorCode.QUOTA_EXCEEDED, e.code());
        assertTrue(kit.users().list(w.asVendor, UserQuery.all().withEmail(io.resellerkit.query.TextMatch
                .equalTo("four@acme.example")), PageRequest.first(10)).items().isEmpty());
        AuditEvent refused = only(AuditQuery.all().withActions(Set.of(AuditAction.QUOTA_EXCEEDED)));
        assertEquals(w.acme.reseller.id(), refused.resellerId());
        assertEquals(w.acme.admin.id(), refused.actorId());
        assertEquals(3, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
    }

    @Test
    void organizationAdminCannotGoAroundTheResellerCap() {
        kit.users().create(w.acme.asOrganizationAdmin, CreateUser.of("C", "Three", "three@acme.example", Role.USER)
                .inOrganization(w.acme.organization.id()));
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> kit.users().create(
                w.acme.asOrganizationAdmin, CreateUser.of("D", "Four", "four@acme.example", Role.USER)
                        .inOrganization(w.acme.organization.id())));
        assertEquals("reseller.allowedUsers", e.quota());
    }

    @Test
    void anOrganizationsOwnCapLimitsItsMembers() {
        Organization small = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Direct", "it@direct.example", 1, null));
        kit.users().create(w.asVendor, CreateUser.of("A", "One", "one@direct.example", Role.USER)
                .inOrganization(small.id()));
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> kit.users().create(w.asVendor,
                CreateUser.of("B", "Two", "two@direct.example", Role.USER).inOrganization(small.id())));
        assertEquals("organization.allowedUsers", e.quota());
        assertEquals(1, e.limit());
    }

    @Test
    void organizationsAreCappedByAllowedOrganizations() {
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> kit.organizations().create(
                w.acme.asAdmin, CreateOrganization.of("Second", "second@acme.example", 5, w.acme.reseller.id())));
        assertEquals("reseller.allowedOrganizations", e.quota());
        assertEquals(1, e.usage());
    }

    @Test
    void resellerAdminStaffDoNotCountAgainstAllowedUsers() {
        for (int i = 0; i < 5; i++) {
            kit.users().create(w.asVendor, CreateUser.of("S", "Staff", "staff" + i + "@acme.example",
                    Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        }
        assertEquals(2, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
    }

    @Test
    void aCapLoweredBelowUseDeletesNothingAndRefusesCreatesUntilUseDrops() {
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), new ChangeQuotas(1, null, null));
        assertEquals(2, kit.users().list(w.asVendor, UserQuery.all().inReseller(w.acme.reseller.id())
                .withRoles(Set.of(Role.USER, Role.ORGANIZATION_ADMIN)), PageRequest.first(10)).items().size());
        CreateUser next = CreateUser.of("N", "Next", "next@acme.example", Role.USER).inReseller(w.acme.reseller.id());
        assertThrows(QuotaExceededException.class, () -> kit.users().create(w.asVendor, next));
        User extra = kit.users().create(w.asVendor, CreateUser.of("X", "Extra", "extra@beta.example", Role.USER)
                .inReseller(w.beta.reseller.id()));
        assertEquals(extra.id(), kit.users().get(w.asVendor, extra.id()).id());
        kit.licenses().unassign(w.asVendor, w.acme.license.id());
        kit.users().delete(w.asVendor, w.acme.user.id());
        assertThrows(QuotaExceededException.class, () -> kit.users().create(w.asVendor, next));
        kit.users().delete(w.asVendor, w.acme.organizationAdmin.id());
        assertEquals(next.email(), kit.users().create(w.asVendor, next).email());
    }

    @Test
    void deletingAUserFreesItsSlots() {
        kit.users().create(w.asVendor, CreateUser.of("C", "Three", "three@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
        kit.licenses().unassign(w.acme.asAdmin, w.acme.license.id());
        kit.users().delete(w.acme.asAdmin, w.acme.user.id());
        assertEquals(2, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
        kit.users().create(w.acme.asAdmin, CreateUser.of("D", "Four", "four@acme.example", Role.USER)
                .inOrganization(w.acme.organization.id()));
    }

    @Test
    void deletingAnOrganizationRemovesItAndFreesItsSlot() {
        // Acme may hold one organization, and the world filled it: empty it, delete it, make room.
        kit.licenses().unassign(w.acme.asAdmin, w.acme.license.id());
        kit.users().delete(w.acme.asAdmin, w.acme.user.id());
        kit.users().delete(w.acme.asAdmin, w.acme.organizationAdmin.id());
        kit.organizations().delete(w.acme.asAdmin, w.acme.organization.id());
        assertThrows(io.resellerkit.error.NotFoundException.class,
                () -> kit.organizations().get(w.asVendor, w.acme.organization.id()));
        assertEquals(0, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).organizations());
        AuditEvent deleted = only(AuditQuery.all().withActions(Set.of(AuditAction.ORGANIZATION_DELETED)));
        assertEquals(w.acme.organization.id().value(), deleted.resourceId());
        assertCounterGone(new UsageCounter(UsageCounter.Kind.ORGANIZATION_USERS, w.acme.organization.id().value()));
        kit.organizations().create(w.acme.asAdmin,
                CreateOrganization.of("Next", "it@next.example", 5, w.acme.reseller.id()));
    }

    @Test
    void anOrganizationInAResellerThatDoesNotExistIsNotFoundForEveryActor() {
        var missing = io.resellerkit.model.ResellerId.of("no-such-reseller");
        for (RequestContext actor : List.of(w.asVendor, w.acme.asAdmin)) {
            Refusals.assertRefusedLeavingOnly(storage, io.resellerkit.error.NotFoundException.class, null,
                    () -> kit.organizations().create(actor, CreateOrganization.of("Lost", "lost@x.example", 1, missing)));
        }
    }

    @Test
    void changedCapsTakeEffectAtOnce() {
        // Acme's organization holds 2 members; Acme may hold 3 customer users and 1 organization.
        kit.organizations().update(w.asVendor, w.acme.organization.id(), UpdateOrganization.changes().withAllowedUsers(2));
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> kit.users().create(w.acme.asAdmin,
                CreateUser.of("T", "Third", "third@acme.example", Role.USER).inOrganization(w.acme.organization.id())));
        assertEquals("organization.allowedUsers", e.quota());
        assertEquals(2, e.limit());
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), new ChangeQuotas(null, 2, null));
        kit.organizations().create(w.acme.asAdmin,
                CreateOrganization.of("Second", "second@acme.example", 5, w.acme.reseller.id()));
    }

    @Test
    void promotingAUserToResellerStaffFreesItsSlotAndDemotingTakesIt() {
        User loose = kit.users().create(w.asVendor, CreateUser.of("L", "Loose", "loose@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
        assertEquals(3, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
        kit.users().update(w.asVendor, loose.id(), UpdateUser.changes().withRole(Role.RESELLER_ADMIN));
        assertEquals(2, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
        kit.users().update(w.asVendor, loose.id(), UpdateUser.changes().withRole(Role.USER));
        assertEquals(3, kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users());
    }

    // ---- users ----

    @Test
    void userAndOrganizationUpdatesAgainstAnOlderVersionAreConflictsAndChangeNothing() {
        User u = w.acme.user;
        kit.users().update(w.asVendor, u.id(), UpdateUser.changes().withLastName("Second"));
        ConflictException stale = assertThrows(ConflictException.class, () -> kit.users().update(w.asVendor, u.id(),
                UpdateUser.changes().withLastName("Third").ifVersion(u.version())));
        assertEquals(ConflictException.Kind.STALE_VERSION, stale.kind());
        assertEquals("Second", kit.users().get(w.asVendor, u.id()).lastName());

        Organization o = w.acme.organization;
        kit.organizations().update(w.asVendor, o.id(), UpdateOrganization.changes().withName("Second"));
        stale = assertThrows(ConflictException.class, () -> kit.organizations().update(w.asVendor, o.id(),
                UpdateOrganization.changes().withName("Third").ifVersion(o.version())));
        assertEquals(ConflictException.Kind.STALE_VERSION, stale.kind());
        assertEquals("Second", kit.organizations().get(w.asVendor, o.id()).name());

        // The current version passes.
        User current = kit.users().get(w.asVendor, u.id());
        assertEquals("Third", kit.users().update(w.asVendor, u.id(),
                UpdateUser.changes().withLastName("Third").ifVersion(current.version())).lastName());
    }

    @Test
    void deletesAgainstAnOlderVersionAreConflictsAndKeepTheRow() {
        Reseller spare = kit.resellers().create(w.asVendor, CreateReseller.of("Spare", "spare@spare.example", 5, 5));
        Organization org = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Spare Org", "org@spare.example", 2, spare.id()));
        User user = kit.users().create(w.asVendor,
                CreateUser.of("Sam", "Spare", "sam@spare.example", Role.USER).inReseller(spare.id()));
        User renamed = kit.users().update(w.asVendor, user.id(), UpdateUser.changes().withLastName("Renamed"));
        Organization renamedOrg = kit.organizations().update(w.asVendor, org.id(), UpdateOrganization.changes().withName("Renamed"));

        assertEquals(ConflictException.Kind.STALE_VERSION, assertThrows(ConflictException.class,
                () -> kit.users().delete(w.asVendor, user.id(), user.version())).kind());
        assertEquals(ConflictException.Kind.STALE_VERSION, assertThrows(ConflictException.class,
                () -> kit.organizations().delete(w.asVendor, org.id(), org.version())).kind());
        assertEquals(renamed, kit.users().get(w.asVendor, user.id()));
        assertEquals(renamedOrg, kit.organizations().get(w.asVendor, org.id()));

        kit.users().delete(w.asVendor, user.id(), renamed.version());
        kit.organizations().delete(w.asVendor, org.id(), renamedOrg.version());
        Reseller current = kit.resellers().update(w.asVendor, spare.id(), UpdateReseller.changes().withPhone("1"));
        assertEquals(ConflictException.Kind.STALE_VERSION, assertThrows(ConflictException.class,
                () -> kit.resellers().delete(w.asVendor, spare.id(), spare.version())).kind());
        kit.resellers().delete(w.asVendor, spare.id(), current.version());
        assertThrows(NotFoundException.class, () -> kit.users().get(w.asVendor, user.id()));
        assertThrows(NotFoundException.class, () -> kit.resellers().get(w.asVendor, spare.id()));
    }

    @Test
    void aUserMovesToAnotherOrganizationOfItsResellerWithItsSlot() {
        Fixture f = moveFixture();
        User moved = kit.users().update(f.asAdmin, f.user.id(), UpdateUser.changes().movingTo(f.to.id()));

        assertEquals(f.to.id(), moved.organizationId());
        assertEquals(moved, kit.users().get(w.asVendor, f.user.id()));
        assertEquals(0, organizationUsage(f.from), "the old organization's slot is freed");
        assertEquals(1, organizationUsage(f.to), "the new organization's slot is taken");
        assertEquals(1, kit.resellers().usage(w.asVendor, f.reseller.id()).users(), "the reseller's count stays");
        AuditEvent e = only(AuditQuery.all().withResource("user", f.user.id().value())
                .withActions(Set.of(AuditAction.USER_UPDATED)));
        assertTrue(e.changes().stream().anyMatch(c -> c.field().equals("organizationId")
                && f.from.id().value().equals(c.oldValue()) && f.to.id().value().equals(c.newValue())), e.changes()::toString);
    }

    @Test
    void aMoveIntoAFullOrganizationIsAQuotaRefusalAndChangesNothing() {
        Fixture f = moveFixture();
        kit.users().create(f.asAdmin, CreateUser.of("Fay", "Full", "fay@move.example", Role.USER).inOrganization(f.to.id()));
        QuotaExceededException e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class,
                AuditAction.QUOTA_EXCEEDED, () -> kit.users().update(f.asAdmin, f.user.id(),
                        UpdateUser.changes().movingTo(f.to.id())));
        assertEquals("organization.allowedUsers", e.quota());
        assertEquals(1, e.limit());
        assertEquals(f.from.id(), kit.users().get(w.asVendor, f.user.id()).organizationId());
    }

    @Test
    void aMoveStaysInsideTheUsersResellerAndNeedsTheRightToCreateThere() {
        Fixture f = moveFixture();
        ValidationException other = assertThrows(ValidationException.class, () -> kit.users().update(w.asVendor,
                f.user.id(), UpdateUser.changes().movingTo(w.acme.organization.id())));
        assertEquals("organizationId", other.violations().get(0).field());
        assertEquals(f.from.id(), kit.users().get(w.asVendor, f.user.id()).organizationId());

        // The organization admin manages its own organization only: it cannot push a user into another.
        User orgAdmin = kit.users().create(f.asAdmin, CreateUser.of("Oz", "Admin", "oz@move.example",
                Role.ORGANIZATION_ADMIN).inOrganization(f.from.id()));
        Refusals.assertDenied(storage, () -> kit.users().update(RequestContext.of(orgAdmin.id()), f.user.id(),
                UpdateUser.changes().movingTo(f.to.id())));
        // Nor can another reseller's admin pull one in.
        Refusals.assertDenied(storage, () -> kit.users().update(w.acme.asAdmin, f.user.id(),
                UpdateUser.changes().movingTo(f.to.id())));
    }

    private record Fixture(Reseller reseller, RequestContext asAdmin, Organization from, Organization to, User user) {
    }

    /** A reseller with two organizations (room for 2 and 1 users) and a user in the first. */
    private Fixture moveFixture() {
        Reseller r = kit.resellers().create(w.asVendor, CreateReseller.of("Move", "ops@move.example", 10, 2));
        User admin = kit.users().create(w.asVendor, CreateUser.of("Mo", "Admin", "mo@move.example",
                Role.RESELLER_ADMIN).inReseller(r.id()));
        RequestContext asAdmin = RequestContext.of(admin.id());
        Organization from = kit.organizations().create(asAdmin, CreateOrganization.of("From", "from@move.example", 2, r.id()));
        Organization to = kit.organizations().create(asAdmin, CreateOrganization.of("To", "to@move.example", 1, r.id()));
        User user = kit.users().create(asAdmin, CreateUser.of("Max", "Mover", "max@move.example", Role.USER)
                .inOrganization(from.id()));
        return new Fixture(r, asAdmin, from, to, user);
    }

    private long organizationUsage(Organization o) {
        return storage.unitOfWork().read(() -> storage.usageCounters().usage(
                new UsageCounter(UsageCounter.Kind.ORGANIZATION_USERS, o.id().value())));
    }

    @Test
    void aRoleMustFitWhereItsUserSitsOnCreateAndOnUpdate() {
        List<CreateUser> misplaced = List.of(
                CreateUser.of("A", "Admin", "a@acme.example", Role.ADMIN).inReseller(w.acme.reseller.id()),
                CreateUser.of("R", "Staff", "r@acme.example", Role.RESELLER_ADMIN).inOrganization(w.acme.organization.id()),
                CreateUser.of("O", "OrgAdmin", "o@acme.example", Role.ORGANIZATION_ADMIN).inReseller(w.acme.reseller.id()));
        for (CreateUser command : misplaced) {
            ValidationException e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                    () -> kit.users().create(w.asVendor, command));
            assertEquals("role", e.violations().get(0).field(), command::toString);
        }
        User loose = kit.users().create(w.asVendor, CreateUser.of("L", "Loose", "loose@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
        for (var change : List.of(Map.entry(w.acme.user, Role.RESELLER_ADMIN), Map.entry(loose, Role.ORGANIZATION_ADMIN))) {
            ValidationException e = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                    () -> kit.users().update(w.asVendor, change.getKey().id(), UpdateUser.changes().withRole(change.getValue())));
            assertEquals("role", e.violations().get(0).field());
        }
    }

    @Test
    void emailsAreUniqueWithoutRegardToCase() {
        ConflictException e = assertThrows(ConflictException.class, () -> kit.users().create(w.asVendor,
                CreateUser.of("U", "Dup", "USER@customer.ACME.example", Role.USER)));
        assertEquals(ConflictException.Kind.DUPLICATE, e.kind());
    }

    @Test
    void invalidInputListsEveryBrokenRuleAndWritesNothing() {
        int before = events(AuditQuery.all()).size();
        Map<String, String> tooMany = new HashMap<>();
        IntStream.range(0, 51).forEach(i -> tooMany.put("k" + i, "v"));
        ValidationException e = assertThrows(ValidationException.class, () -> kit.users().create(w.asVendor,
                new CreateUser(" ", "x".repeat(101), "not-an-email", null, null, null, tooMany)));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        Set<String> fields = new java.util.HashSet<>(e.violations().stream().map(Violation::field).toList());
        assertEquals(Set.of("firstName", "lastName", "email", "role", "metadata"), fields);
        assertEquals(before, events(AuditQuery.all()).size());
    }

    @Test
    void quotasBelowMinusOneAndLongMetadataValuesAreRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> kit.resellers().create(w.asVendor,
                new CreateReseller("R", "r@r.example", null, null, -2, -5, Map.of("k", "v".repeat(257)))));
        List<String> rules = e.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
        assertEquals(List.of("allowedOrganizations:Min", "allowedUsers:Min", "metadata[k]:ValidMetadata"), rules);
    }

    @Test
    void userRolePlacementIsValidated() {
        ValidationException e = assertThrows(ValidationException.class, () -> kit.users().create(w.asVendor,
                CreateUser.of("R", "A", "ra@x.example", Role.RESELLER_ADMIN)));
        assertEquals("role", e.violations().get(0).field());
    }

    /** What a create refuses as blank, an update refuses too, naming the field; null still keeps the value. */
    @Test
    void updatesRefuseBlankNamesAndEmailsThatCreatesRefuse() {
        for (String blank : List.of("", " ", "   ")) {
            List<Map.Entry<String, Runnable>> updates = List.of(
                    Map.entry("name", () -> kit.resellers().update(w.asVendor, w.acme.reseller.id(),
                            UpdateReseller.changes().withName(blank))),
                    Map.entry("email", () -> kit.resellers().update(w.asVendor, w.acme.reseller.id(),
                            UpdateReseller.changes().withEmail(blank))),
                    Map.entry("name", () -> kit.organizations().update(w.asVendor, w.acme.organization.id(),
                            UpdateOrganization.changes().withName(blank))),
                    Map.entry("email", () -> kit.organizations().update(w.asVendor, w.acme.organization.id(),
                            UpdateOrganization.changes().withEmail(blank))),
                    Map.entry("firstName", () -> kit.users().update(w.asVendor, w.acme.user.id(),
                            UpdateUser.changes().withFirstName(blank))),
                    Map.entry("lastName", () -> kit.users().update(w.asVendor, w.acme.user.id(),
                            UpdateUser.changes().withLastName(blank))),
                    Map.entry("email", () -> kit.users().update(w.asVendor, w.acme.user.id(),
                            UpdateUser.changes().withEmail(blank))));
            for (var update : updates) {
                String field = update.getKey();
                Snapshot before = Snapshot.of(storage);
                ValidationException e = assertThrows(ValidationException.class, update.getValue()::run,
                        () -> field + " [" + blank + "] was accepted");
                assertTrue(e.violations().stream().allMatch(v -> v.field().equals(field)), e::getMessage);
                assertEquals(before, Snapshot.of(storage), "nothing is written");
            }
        }
        User kept = kit.users().update(w.asVendor, w.acme.user.id(), UpdateUser.changes().withLastName("New"));
        assertEquals(w.acme.user.firstName(), kept.firstName(), "null keeps the value");
        assertEquals(w.acme.user.email(), kept.email(), "null keeps the value");
    }

    // ---- the actor, resolved on every call ----

    @Test
    void aDeletedActorLosesItsRightsAtOnce() {
        User admin2 = kit.users().create(w.asVendor, CreateUser.of("T", "Temp", "temp@acme.example",
                Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        RequestContext asAdmin2 = RequestContext.of(admin2.id());
        kit.users().get(asAdmin2, w.acme.user.id());
        kit.users().delete(w.asVendor, admin2.id());
        assertThrows(AccessDeniedException.class, () -> kit.users().get(asAdmin2, w.acme.user.id()));
    }

    @Test
    void aDemotedActorLosesItsRightsAtOnce() {
        User admin2 = kit.users().create(w.asVendor, CreateUser.of("T", "Temp", "temp@acme.example",
                Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        kit.users().update(w.asVendor, admin2.id(), UpdateUser.changes().withRole(Role.USER));
        assertThrows(AccessDeniedException.class, () -> kit.users().list(RequestContext.of(admin2.id()),
                UserQuery.all(), PageRequest.first(10)));
    }

    // ---- suspension ----

    @Test
    void suspendedResellersAdminsCanReadButChangeNothingWhileItsCustomersKeepWorking() {
        kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        assertEquals(w.acme.user, kit.users().get(w.acme.asAdmin, w.acme.user.id()));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> kit.users().create(w.acme.asAdmin,
                CreateUser.of("N", "New", "new@acme.example", Role.USER).inReseller(w.acme.reseller.id())));
        assertTrue(e.reason().contains("suspended"));
        assertThrows(AccessDeniedException.class, () -> kit.licenses().unassign(w.acme.asAdmin, w.acme.license.id()));
        License stillAssigned = kit.licenses().get(w.acme.asUser, w.acme.license.id());
        assertEquals(w.acme.user.id(), stillAssigned.assignedUser());
        kit.resellers().reactivate(w.asVendor, w.acme.reseller.id());
        kit.users().create(w.acme.asAdmin, CreateUser.of("N", "New", "new@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
    }

    // ---- refusals ----

    @Test
    void aRefusalLeavesExactlyOneAccessDeniedEventAndNothingElse() {
        int before = events(AuditQuery.all()).size();
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> kit.users().list(w.acme.asAdmin,
                UserQuery.all().inReseller(w.beta.reseller.id()), PageRequest.first(10)));
        assertEquals(ErrorCode.ACCESS_DENIED, e.code());
        List<AuditEvent> after = events(AuditQuery.all());
        assertEquals(before + 1, after.size());
        AuditEvent denied = after.get(0);
        assertEquals(AuditAction.ACCESS_DENIED, denied.action());
        assertEquals(w.acme.admin.id(), denied.actorId());
        assertEquals(w.acme.reseller.id(), denied.resellerId(), "the attempt shows in the actor's own reseller");
        assertEquals(List.of(), denied.changes());
        assertTrue(denied.reason().endsWith("outside its own reseller"), denied::reason);
    }

    // ---- licenses ----

    @Test
    void licenseLifecycleFromAllocationToRevocation() {
        License l = kit.licenses().create(w.asVendor, new CreateLicense("ACME-KEY-1", "pro", 5, null,
                w.acme.reseller.id(), null));
        assertEquals("ACME-KEY-1", l.key());
        License assigned = kit.licenses().assignToOrganization(w.acme.asAdmin, l.id(), w.acme.organization.id());
        assertEquals(w.acme.organization.id(), assigned.assignedOrganization());
        assertEquals(assigned, kit.licenses().get(w.acme.asOrganizationAdmin, l.id()));
        License unassigned = kit.licenses().unassign(w.acme.asAdmin, l.id());
        assertFalse(unassigned.isAssigned());
        kit.licenses().suspend(w.asVendor, l.id());
        assertTrue(kit.licenses().get(w.asVendor, l.id()).suspended());
        kit.licenses().revoke(w.asVendor, l.id());
        ConflictException e = assertThrows(ConflictException.class,
                () -> kit.licenses().assignToUser(w.acme.asAdmin, l.id(), w.acme.user.id()));
        assertEquals(ConflictException.Kind.INVALID_STATE, e.kind());
        List<AuditAction> actions = events(AuditQuery.all().withResource("license", l.id().value())).stream()
                .map(AuditEvent::action).toList();
        assertEquals(List.of(AuditAction.LICENSE_REVOKED, AuditAction.LICENSE_SUSPENDED, AuditAction.LICENSE_UNASSIGNED, AuditAction.LICENSE_ASSIGNED,
                AuditAction.LICENSE_CREATED), actions);
    }

    @Test
    void aRevokedLicenseCannotBeAllocatedSuspendedUnsuspendedOrRevokedAgain() {
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, null));
        kit.licenses().revoke(w.asVendor, l.id());
        List<Runnable> calls = List.of(
                () -> kit.licenses().allocate(w.asVendor, l.id(), w.acme.reseller.id()),
                () -> kit.licenses().suspend(w.asVendor, l.id()),
                () -> kit.licenses().unsuspend(w.asVendor, l.id()),
                () -> kit.licenses().revoke(w.asVendor, l.id()));
        for (Runnable call : calls) {
            ConflictException e = Refusals.assertRefusedLeavingOnly(storage, ConflictException.class, null, call::run);
            assertEquals(ConflictException.Kind.INVALID_STATE, e.kind());
        }
    }

    /** Every stored time has microseconds on every adapter, so a create returns what a read returns. */
    @Test
    void aLicenseExpiryIsStoredToTheMicrosecondAndReadsBackAsCreated() {
        License l = kit.licenses().create(w.asVendor,
                CreateLicense.of("pro", 1, Instant.parse("2030-06-30T12:00:00.123456789Z"), null));
        assertEquals(Instant.parse("2030-06-30T12:00:00.123456Z"), l.expiresAt());
        assertEquals(l, kit.licenses().get(w.asVendor, l.id()));
        assertEquals(List.of(l), kit.licenses().list(w.asVendor, LicenseQuery.all().withExpiresAt(
                TimeRange.since(l.expiresAt())), PageRequest.first(10)).items());
    }

    @Test
    void aLicenseCannotBeAssignedOutsideItsReseller() {
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        ConflictException e = assertThrows(ConflictException.class,
                () -> kit.licenses().assignToUser(w.asVendor, l.id(), w.beta.user.id()));
        assertEquals(ConflictException.Kind.INVALID_STATE, e.kind());
        assertThrows(AccessDeniedException.class,
                () -> kit.licenses().assignToUser(w.acme.asAdmin, l.id(), w.beta.user.id()));
        assertNull(kit.licenses().get(w.asVendor, l.id()).assignedUser());
    }

    // ---- lists and the audit trail ----

    @Test
    void pagesRunOldestFirstAndEndWithoutACursor() {
        for (int i = 0; i < 7; i++) {
            kit.users().create(w.asVendor, CreateUser.of("P", "Page" + i, "page" + i + "@x.example", Role.USER));
        }
        UserQuery loose = UserQuery.all().withEmail(io.resellerkit.query.TextMatch.startsWith("page"));
        List<String> seen = new ArrayList<>();
        Page<User> page = kit.users().list(w.asVendor, loose, PageRequest.first(3));
        seen.addAll(page.items().stream().map(User::lastName).toList());
        while (page.hasNext()) {
            page = kit.users().list(w.asVendor, loose, PageRequest.after(page.nextCursor(), 3));
            seen.addAll(page.items().stream().map(User::lastName).toList());
        }
        assertEquals(IntStream.range(0, 7).mapToObj(i -> "Page" + i).toList(), seen);
    }

    @Test
    void aPageLargerThanOneHundredOrAForgedCursorIsInvalid() {
        assertThrows(ValidationException.class, () -> kit.users().list(w.asVendor, UserQuery.all(), PageRequest.first(101)));
        assertThrows(ValidationException.class, () -> kit.users().list(w.asVendor, UserQuery.all(),
                PageRequest.after("not a cursor", 10)));
    }

    @Test
    void resellerAdminReadsOnlyItsOwnResellersTrailNewestFirst() {
        Page<AuditEvent> page = kit.audit().query(w.acme.asAdmin, AuditQuery.all(), PageRequest.first(100));
        assertFalse(page.items().isEmpty());
        assertTrue(page.items().stream().allMatch(e -> w.acme.reseller.id().equals(e.resellerId())));
        for (int i = 1; i < page.items().size(); i++) {
            assertFalse(page.items().get(i).occurredAt().isAfter(page.items().get(i - 1).occurredAt()));
        }
        assertThrows(AccessDeniedException.class, () -> kit.audit().query(w.acme.asAdmin,
                AuditQuery.all().forReseller(w.beta.reseller.id()), PageRequest.first(10)));
    }

    @Test
    void everyChangeInTheWorldLeftExactlyOneEvent() {
        // The world made: bootstrap admin, 2 x (reseller, admin, org, org admin, user, license, assignment).
        assertEquals(1 + 2 * 7, events(AuditQuery.all()).size());
        assertEquals(2, events(AuditQuery.all().withActions(Set.of(AuditAction.LICENSE_ASSIGNED))).size());
    }

    @Test
    void aChangeThatChangesNothingKeepsItsVersionAndLeavesNoEvent() {
        int before = events(AuditQuery.all()).size();
        User same = kit.users().update(w.asVendor, w.acme.user.id(), UpdateUser.changes()
                .withLastName(w.acme.user.lastName()));
        assertEquals(w.acme.user, same);
        kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        Reseller twice = kit.resellers().suspend(w.asVendor, w.acme.reseller.id());
        assertEquals(w.acme.reseller.version() + 1, twice.version());
        assertEquals(before + 1, events(AuditQuery.all()).size());
    }

    @Test
    void theLastAdminCannotBeDeletedOrDemoted() {
        ConflictException e = assertThrows(ConflictException.class, () -> kit.users().delete(w.asVendor, w.vendor.id()));
        assertEquals(ConflictException.Kind.IN_USE, e.kind());
        assertThrows(ConflictException.class, () -> kit.users().update(w.asVendor, w.vendor.id(),
                UpdateUser.changes().withRole(Role.USER)));
        User second = kit.users().create(w.asVendor, CreateUser.of("S", "Second", "second@vendor.example", Role.ADMIN));
        kit.users().delete(w.asVendor, w.vendor.id());
        assertThrows(ConflictException.class, () -> kit.bootstrapAdmin(
                CreateUser.of("M", "Mallory", "mallory@evil.example", Role.ADMIN)));
        assertEquals(second, kit.users().get(RequestContext.of(second.id()), second.id()));
    }

    @Test
    void aLicenseMovesBetweenResellersInTwoStepsSoBothTrailsShowIt() {
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        ConflictException e = assertThrows(ConflictException.class,
                () -> kit.licenses().allocate(w.asVendor, l.id(), w.beta.reseller.id()));
        assertEquals(ConflictException.Kind.INVALID_STATE, e.kind());
        kit.licenses().allocate(w.asVendor, l.id(), null);
        kit.licenses().allocate(w.asVendor, l.id(), w.beta.reseller.id());
        AuditQuery allocations = AuditQuery.all().withActions(Set.of(AuditAction.LICENSE_ALLOCATED))
                .withResource("license", l.id().value());
        assertEquals(1, events(allocations.forReseller(w.acme.reseller.id())).size());
        assertEquals(1, events(allocations.forReseller(w.beta.reseller.id())).size());
    }

    @Test
    void theVendorsDirectCustomersCanHoldUnallocatedLicenses() {
        Organization direct = kit.organizations().create(w.asVendor,
                CreateOrganization.of("Direct", "it@direct.example", 5, null));
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, null));
        assertEquals(direct.id(), kit.licenses().assignToOrganization(w.asVendor, l.id(), direct.id())
                .assignedOrganization());
        License acmes = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        assertThrows(ConflictException.class, () -> kit.licenses().assignToOrganization(w.asVendor, acmes.id(),
                direct.id()));
    }

    @Test
    void pagingVisitsEveryUserOnceWhenManyShareOneInstant() {
        ResellerKit frozen = ResellerKit.builder(storage)
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .build();
        Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 25; i++) {
            created.add(frozen.users().create(w.asVendor, CreateUser.of("F", "Frozen" + i, "frozen" + i + "@x.example",
                    Role.USER)).id().value());
        }
        UserQuery frozenOnes = UserQuery.all().withEmail(io.resellerkit.query.TextMatch.startsWith("frozen"));
        List<String> seen = new ArrayList<>();
        Page<User> page = frozen.users().list(w.asVendor, frozenOnes, PageRequest.first(4));
        page.items().forEach(u -> seen.add(u.id().value()));
        while (page.hasNext()) {
            page = frozen.users().list(w.asVendor, frozenOnes, PageRequest.after(page.nextCursor(), 4));
            page.items().forEach(u -> seen.add(u.id().value()));
        }
        assertEquals(25, seen.size());
        assertEquals(created, new java.util.HashSet<>(seen));
        assertEquals(seen.stream().sorted().toList(), seen, "ties on time are ordered by id");
    }

    @Test
    void exportHandsOverEveryMatchingEventNewestFirstAcrossPages() {
        for (int i = 0; i < 150; i++) {
            kit.resellers().update(w.asVendor, w.beta.reseller.id(), UpdateReseller.changes().withPhone("+" + i));
        }
        List<AuditEvent> exported = new ArrayList<>();
        kit.audit().export(w.asVendor, AuditQuery.all().forReseller(w.beta.reseller.id())
                .withActions(Set.of(AuditAction.RESELLER_UPDATED)), exported::add);
        assertEquals(150, exported.size());
        assertEquals("+149", exported.get(0).changes().get(0).newValue());
        assertEquals("+0", exported.get(149).changes().get(0).newValue());
        assertEquals(events(AuditQuery.all().forReseller(w.beta.reseller.id())
                .withActions(Set.of(AuditAction.RESELLER_UPDATED))), exported);
    }

    @Test
    void aChangeEventRecordsTheActorAsItWasAndWhereTheRequestCameFrom() {
        RequestContext context = new RequestContext(w.acme.admin.id(), "req-ctx").withClientIp("198.51.100.23")
                .withUserAgent("Mozilla/5.0 (X11; Linux)");
        User created = kit.users().create(context, CreateUser.of("New", "Customer", "new@customer.example", Role.USER)
                .inOrganization(w.acme.organization.id()));
        AuditEvent e = only(AuditQuery.all().withResource("user", created.id().value()));
        assertEquals(AuditAction.USER_CREATED, e.action());
        assertEquals(w.acme.admin.id(), e.actorId());
        assertEquals("Acme Admin", e.actorName());
        assertEquals("admin@acme.example", e.actorEmail());
        assertEquals("req-ctx", e.requestId());
        assertEquals("198.51.100.23", e.clientIp());
        assertEquals("Mozilla/5.0 (X11; Linux)", e.userAgent());
    }

    @Test
    void anAccessDeniedEventRecordsTheRefusedActorAndWhereTheRequestCameFrom() {
        RequestContext probe = new RequestContext(w.acme.admin.id(), "req-probe").withClientIp("2001:db8::7")
                .withUserAgent("probe/1");
        assertThrows(AccessDeniedException.class, () -> kit.audit().query(probe,
                AuditQuery.all().forReseller(w.beta.reseller.id()), PageRequest.first(10)));
        AuditEvent e = only(AuditQuery.all().withRequestIds(Set.of("req-probe")));
        assertEquals(AuditAction.ACCESS_DENIED, e.action());
        assertEquals("Acme Admin", e.actorName());
        assertEquals("admin@acme.example", e.actorEmail());
        assertEquals("2001:db8::7", e.clientIp());
        assertEquals("probe/1", e.userAgent());

        // An actor that is no stored user has no name or email, but the request's details are kept.
        RequestContext ghost = new RequestContext(io.resellerkit.model.UserId.of("ghost"), "req-ghost")
                .withClientIp("203.0.113.66").withUserAgent("bot/9");
        assertThrows(AccessDeniedException.class, () -> kit.users().get(ghost, w.acme.user.id()));
        AuditEvent g = only(AuditQuery.all().withRequestIds(Set.of("req-ghost")));
        assertEquals(AuditAction.ACCESS_DENIED, g.action());
        assertNull(g.actorName());
        assertNull(g.actorEmail());
        assertEquals("203.0.113.66", g.clientIp());
        assertEquals("bot/9", g.userAgent());
    }

    @Test
    void theBootstrapEventNamesTheFirstAdminAsItsActor() {
        AuditEvent e = only(AuditQuery.all().withResource("user", w.vendor.id().value()));
        assertEquals(AuditAction.USER_CREATED, e.action());
        assertEquals(w.vendor.id(), e.actorId());
        assertEquals("Vera Vendor", e.actorName());
        assertEquals("vera@vendor.example", e.actorEmail());
    }

    @Test
    void anEventKeepsTheActorsNameAndEmailAsTheyWereAfterTheActorIsRenamed() {
        kit.organizations().update(new RequestContext(w.acme.admin.id(), "req-before"), w.acme.organization.id(),
                UpdateOrganization.changes().withName("Renamed Customer"));
        kit.users().update(w.asVendor, w.acme.admin.id(), UpdateUser.changes().withFirstName("Zoe").withLastName("Zed")
                .withEmail("zoe@acme.example"));
        kit.organizations().update(new RequestContext(w.acme.admin.id(), "req-after"), w.acme.organization.id(),
                UpdateOrganization.changes().withName("Renamed Again"));

        AuditEvent before = only(AuditQuery.all().withRequestIds(Set.of("req-before")));
        assertEquals("Acme Admin", before.actorName());
        assertEquals("admin@acme.example", before.actorEmail());
        AuditEvent after = only(AuditQuery.all().withRequestIds(Set.of("req-after")));
        assertEquals("Zoe Zed", after.actorName());
        assertEquals("zoe@acme.example", after.actorEmail());
        assertEquals(List.of(after), events(AuditQuery.all().withActorEmails(Set.of("ZOE@acme.example"))));
        assertTrue(events(AuditQuery.all().withActorEmails(Set.of("admin@acme.example"))).contains(before));
    }

    @Test
    void theTrailPagesEveryEventExactlyOnceInBothOrdersWhenManyShareOneInstant() {
        ResellerKit frozen = ResellerKit.builder(storage)
                .clock(java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .build();
        for (int i = 0; i < 25; i++) {
            frozen.resellers().update(w.asVendor, w.beta.reseller.id(), UpdateReseller.changes().withPhone("+" + i));
        }
        AuditQuery updates = AuditQuery.all().forReseller(w.beta.reseller.id())
                .withActions(Set.of(AuditAction.RESELLER_UPDATED));
        List<AuditEvent> newest = pages(updates, 4);
        List<AuditEvent> oldest = pages(updates.withOldestFirst(), 4);
        assertEquals(25, new java.util.HashSet<>(newest).size(), "each once");
        assertEquals(25, oldest.size());
        assertEquals(oldest.stream().map(e -> e.id().value()).sorted().toList(),
                oldest.stream().map(e -> e.id().value()).toList(), "ties on time are ordered by id");
        List<AuditEvent> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, oldest);
        List<AuditEvent> exported = new ArrayList<>();
        kit.audit().export(w.asVendor, updates.withOldestFirst(), exported::add);
        assertEquals(oldest, exported, "the export keeps the query's order");
    }

    @Test
    void aCursorFromOneOrderIsRefusedInTheOtherAndWritesNothing() {
        Page<AuditEvent> newest = kit.audit().query(w.asVendor, AuditQuery.all(), PageRequest.first(2));
        Page<AuditEvent> oldest = kit.audit().query(w.asVendor, AuditQuery.all().withOldestFirst(), PageRequest.first(2));
        Snapshot before = Snapshot.of(storage);
        ValidationException intoOldest = assertThrows(ValidationException.class, () -> kit.audit().query(w.asVendor,
                AuditQuery.all().withOldestFirst(), PageRequest.after(newest.nextCursor(), 2)));
        assertEquals("cursor", intoOldest.violations().get(0).field());
        ValidationException intoNewest = assertThrows(ValidationException.class, () -> kit.audit().query(w.asVendor,
                AuditQuery.all(), PageRequest.after(oldest.nextCursor(), 2)));
        assertEquals("cursor", intoNewest.violations().get(0).field());
        assertEquals(before, Snapshot.of(storage));
        assertEquals(events(AuditQuery.all().withOldestFirst()).subList(2, 4), kit.audit().query(w.asVendor,
                AuditQuery.all().withOldestFirst(), PageRequest.after(oldest.nextCursor(), 2)).items());
    }

    @Test
    void aCsvExportQuotesCellsAndDefusesWhatASpreadsheetWouldRun() {
        kit.users().update(w.asVendor, w.acme.admin.id(), UpdateUser.changes().withFirstName("=Eve")
                .withLastName("Doe, \"Jr\""));
        RequestContext context = new RequestContext(w.acme.admin.id(), "+1").withClientIp("@2").withUserAgent("-3");
        kit.organizations().update(context, w.acme.organization.id(), UpdateOrganization.changes().withName("Csv"));
        java.io.StringWriter out = new java.io.StringWriter();
        kit.audit().exportCsv(w.asVendor, AuditQuery.all().withRequestIds(Set.of("+1")), out);

        String[] lines = out.toString().split("\r\n", -1);
        assertEquals(3, lines.length, out::toString);
        assertEquals("id,occurredAt,actorId,actorName,actorEmail,actorRole,actorResellerId,action,resourceType,"
                + "resourceId,resellerId,changes,requestId,clientIp,userAgent,reason,chain,seq,prevHash,hash,hashVersion,"
                + "seals", lines[0]);
        AuditEvent e = only(AuditQuery.all().withRequestIds(Set.of("+1")));
        assertTrue(lines[1].startsWith(e.id().value() + "," + e.occurredAt() + "," + w.acme.admin.id().value()
                + ",\"'=Eve Doe, \"\"Jr\"\"\",admin@acme.example,reseller-admin,"), lines[1]);
        assertTrue(lines[1].contains(",\"[{\"\"field\"\":\"\"name\"\",\"\"old\"\":\"\"Acme Customer\"\",\"\"new\"\":\"\"Csv\"\"}]\","),
                lines[1]);
        assertTrue(lines[1].contains(",'+1,'@2,'-3,,reseller/" + w.acme.reseller.id().value() + ","), lines[1]);
        assertEquals("", lines[2], "every line ends with CRLF");
    }

    @Test
    void aRefusedCsvExportWritesNothing() {
        java.io.StringWriter out = new java.io.StringWriter();
        assertThrows(AccessDeniedException.class, () -> kit.audit().exportCsv(w.acme.asAdmin,
                AuditQuery.all().forReseller(w.beta.reseller.id()), out));
        assertEquals("", out.toString());
    }

    // ---- concurrency ----

    @Test
    void thirtyTwoThreadsFillAQuotaOfOneHundredExactly() throws Exception {
        Reseller hot = kit.resellers().create(w.asVendor, CreateReseller.of("Hot", "hot@hot.example", 100, 1));
        int threads = 32;
        int attemptsPerThread = 5; // 160 attempts for 100 slots
        QuotaRace race = QuotaRace.run(kit, w.asVendor, hot.id(), threads, attemptsPerThread, "t");
        int created = race.created();
        int refused = race.refused();
        assertEquals(100, created);
        assertEquals(threads * attemptsPerThread - 100, refused);
        assertEquals(100, countUsers(UserQuery.all().inReseller(hot.id())));
        assertEquals(100, events(AuditQuery.all().forReseller(hot.id()).withActions(Set.of(AuditAction.USER_CREATED)),
                1000).size());
        assertEquals(100, kit.resellers().usage(w.asVendor, hot.id()).users());
    }

    // ---- helpers ----

    protected List<AuditEvent> events(AuditQuery query) {
        return events(query, 1000);
    }

    protected List<AuditEvent> events(AuditQuery query, int max) {
        List<AuditEvent> all = new ArrayList<>();
        Page<AuditEvent> page = kit.audit().query(w.asVendor, query, PageRequest.first(100));
        all.addAll(page.items());
        while (page.hasNext() && all.size() < max) {
            page = kit.audit().query(w.asVendor, query, PageRequest.after(page.nextCursor(), 100));
            all.addAll(page.items());
        }
        return all;
    }

    private static <T, I> Set<I> ids(Page<T> page, java.util.function.Function<T, I> id) {
        assertFalse(page.hasNext(), "one page holds them");
        return new java.util.HashSet<>(page.items().stream().map(id).toList());
    }

    /** Pages of two visit exactly {@code expected} rows, each once. */
    private static <T> void assertPagesOnce(int expected, java.util.function.Function<PageRequest, Page<T>> list) {
        List<T> seen = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(2));
        seen.addAll(page.items());
        while (page.hasNext()) {
            page = list.apply(PageRequest.after(page.nextCursor(), 2));
            seen.addAll(page.items());
        }
        assertEquals(expected, seen.size(), () -> "seen: " + seen);
        assertEquals(expected, new java.util.HashSet<>(seen).size(), "each once");
    }

    /** The counter went with its owner (the port answers "no such counter"). */
    private void assertCounterGone(UsageCounter counter) {
        assertEquals(java.util.Optional.empty(), storage.unitOfWork().write(() -> storage.usageCounters()
                .tryIncrement(counter)), counter::toString);
    }

    /** Every event the query finds, through pages of {@code size}. */
    private List<AuditEvent> pages(AuditQuery query, int size) {
        List<AuditEvent> all = new ArrayList<>();
        Page<AuditEvent> page = kit.audit().query(w.asVendor, query, PageRequest.first(size));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = kit.audit().query(w.asVendor, query, PageRequest.after(page.nextCursor(), size));
            all.addAll(page.items());
        }
        return all;
    }

    private AuditEvent only(AuditQuery query) {
        List<AuditEvent> found = events(query);
        assertEquals(1, found.size(), () -> "events: " + found);
        return found.get(0);
    }

    protected int countUsers(UserQuery query) {
        int n = 0;
        Page<User> page = kit.users().list(w.asVendor, query, PageRequest.first(100));
        n += page.items().size();
        while (page.hasNext()) {
            page = kit.users().list(w.asVendor, query, PageRequest.after(page.nextCursor(), 100));
            n += page.items().size();
        }
        return n;
    }
}
