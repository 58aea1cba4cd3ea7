package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService.Usage;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.License;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reseller-issued licenses: the vendor may let a reseller's admin create licenses itself within a
 * license quota ({@code allowedLicenses}: 0, off, by default; -1 unlimited). Only what the reseller
 * issued counts, revoked or not; a refusal names the quota, its limit and the use, and writes
 * nothing but its event. After every test the state invariants hold, among them "the license
 * counter equals the licenses the reseller issued".
 */
public abstract class LicenseQuotaContract {
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

    @AfterEach
    void invariantsHold() {
        StateInvariants.assertHold(Snapshot.of(storage), "after the test");
    }

    private License issue(RequestContext as) {
        return kit.licenses().create(as, CreateLicense.of("pro", 1, null, null));
    }

    private void allow(Reseller r, int licenses) {
        kit.resellers().changeQuotas(w.asVendor, r.id(), ChangeQuotas.licenses(licenses));
    }

    private Usage usage(Reseller r) {
        return kit.resellers().usage(w.asVendor, r.id());
    }

    @Test
    void aResellerAdminMayNotIssueLicensesUntilTheVendorGivesALicenseQuota() {
        assertEquals(0, kit.resellers().get(w.asVendor, w.acme.reseller.id()).allowedLicenses(), "off by default");
        Snapshot before = Snapshot.of(storage);
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> issue(w.acme.asAdmin));
        assertTrue(e.getMessage().contains("license quota"), e.getMessage());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents(), "a refused issue writes nothing");
        assertEquals(AuditAction.ACCESS_DENIED, Snapshot.of(storage).events().get(0).action());
    }

    @Test
    void aResellerAdminIssuesUpToItsLicenseQuotaThenIsRefusedNamingQuotaLimitAndUsage() {
        allow(w.acme.reseller, 2);
        assertEquals(2, kit.resellers().get(w.asVendor, w.acme.reseller.id()).allowedLicenses(), "stored");
        License first = issue(w.acme.asAdmin);
        assertEquals(w.acme.reseller.id(), first.resellerId(), "issued into its own reseller when none is named");
        assertEquals(w.acme.reseller.id(), first.issuedBy());
        assertEquals(first, kit.licenses().get(w.asVendor, first.id()), "issuedBy is stored");
        kit.licenses().create(w.acme.asAdmin, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        Snapshot before = Snapshot.of(storage);
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> issue(w.acme.asAdmin));
        assertEquals("reseller.allowedLicenses", e.quota());
        assertEquals(2, e.limit());
        assertEquals(2, e.usage());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents(), "a refused issue writes nothing");
        assertEquals(AuditAction.QUOTA_EXCEEDED, Snapshot.of(storage).events().get(0).action());
        Usage u = usage(w.acme.reseller);
        assertEquals(2, u.allowedLicenses());
        assertEquals(2, u.licenses());
    }

    @Test
    void licensesTheVendorCreatedAndAllocatedToTheResellerDoNotCount() {
        allow(w.acme.reseller, 1);
        License byVendor = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        assertNull(byVendor.issuedBy());
        assertEquals(0, usage(w.acme.reseller).licenses(), "World's own and this one are the vendor's");
        issue(w.acme.asAdmin);
        assertEquals(1, usage(w.acme.reseller).licenses());
    }

    @Test
    void aRevokedLicenseKeepsItsSlotSoRevokingCannotBeUsedToIssueMore() {
        allow(w.acme.reseller, 1);
        License l = issue(w.acme.asAdmin);
        kit.licenses().revoke(w.asVendor, l.id());
        assertThrows(QuotaExceededException.class, () -> issue(w.acme.asAdmin));
        assertEquals(1, usage(w.acme.reseller).licenses());
    }

    @Test
    void aQuotaRaisedLetsItIssueMoreAndOneLoweredBelowUseRefusesWithoutTakingAnyBack() {
        allow(w.acme.reseller, 1);
        issue(w.acme.asAdmin);
        allow(w.acme.reseller, 3);
        issue(w.acme.asAdmin);
        allow(w.acme.reseller, 1);
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> issue(w.acme.asAdmin));
        assertEquals(1, e.limit());
        assertEquals(2, e.usage());
        allow(w.acme.reseller, -1);
        issue(w.acme.asAdmin);
        assertEquals(3, usage(w.acme.reseller).licenses());
    }

    @Test
    void aResellerAdminIssuesIntoItsSubtreeOnItsOwnQuotaButNeverIntoAnotherReseller() {
        allow(w.acme.reseller, 2);
        allow(w.beta.reseller, 5);
        Reseller kid = kit.resellers().create(w.asVendor, CreateReseller.of("Kid", "kid@kid.example", 1, 1)
                .under(w.acme.reseller.id()));
        // License quotas are per reseller, not carved: the kid may get more than its parent has.
        allow(kid, 10);
        License intoKid = kit.licenses().create(w.acme.asAdmin, CreateLicense.of("pro", 1, null, kid.id()));
        assertEquals(kid.id(), intoKid.resellerId());
        assertEquals(w.acme.reseller.id(), intoKid.issuedBy(), "counted where it was issued");
        assertEquals(1, usage(w.acme.reseller).licenses());
        assertEquals(0, usage(kid).licenses());
        Snapshot before = Snapshot.of(storage);
        assertThrows(AccessDeniedException.class, () -> kit.licenses().create(w.acme.asAdmin,
                CreateLicense.of("pro", 1, null, w.beta.reseller.id())));
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents());
    }

    @Test
    void onlyTheVendorChangesALicenseQuotaNotAParentsAdminWhoManagesTheChildsOtherCaps() {
        Reseller kid = kit.resellers().create(w.acme.asAdmin, CreateReseller.of("Kid", "kid@kid.example", 1, 1)
                .under(w.acme.reseller.id()));
        // Not carved from the parent's: a parent's admin would give licenses it was never given.
        Refusals.assertDenied(storage, () -> kit.resellers().changeQuotas(w.acme.asAdmin, kid.id(),
                ChangeQuotas.licenses(-1)));
        Refusals.assertDenied(storage, () -> kit.resellers().changeQuotas(w.acme.asAdmin, kid.id(),
                new ChangeQuotas(1, 1, 3, null)));
        assertEquals(0, usage(kid).allowedLicenses());
        // Its other caps stay the parent's admin's, also when the command repeats today's license cap.
        kit.resellers().changeQuotas(w.acme.asAdmin, kid.id(), new ChangeQuotas(0, 1, 0, null));
        assertEquals(0, usage(kid).allowedUsers());
        allow(kid, 4);
        assertEquals(4, usage(kid).allowedLicenses());
    }

    @Test
    void otherStaffAndCustomersNeverIssueEvenWithinAQuota() {
        allow(w.acme.reseller, 5);
        User sales = kit.users().create(w.asVendor, CreateUser.of("S", "Sales", "sales@acme.example",
                Role.RESELLER_SALES).inReseller(w.acme.reseller.id()));
        for (RequestContext as : new RequestContext[] {RequestContext.of(sales.id()), w.acme.asOrganizationAdmin}) {
            assertThrows(AccessDeniedException.class, () -> issue(as));
        }
        assertEquals(0, usage(w.acme.reseller).licenses());
    }

    @Test
    void aLicenseQuotaBelowMinusOneIsRefusedNamingTheField() {
        Snapshot before = Snapshot.of(storage);
        ValidationException e = assertThrows(ValidationException.class, () -> allow(w.acme.reseller, -2));
        assertEquals("allowedLicenses", e.violations().get(0).field());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents());
    }

    @Test
    void aDeletedResellerTakesItsLicenseCounterAlong() {
        Reseller empty = kit.resellers().create(w.asVendor, CreateReseller.of("Empty", "e@empty.example", 1, 1));
        allow(empty, 3);
        UsageCounter counter = new UsageCounter(UsageCounter.Kind.RESELLER_LICENSES, empty.id().value());
        assertTrue(storage.unitOfWork().write(() -> storage.usageCounters().tryAdd(counter, 0)).isPresent());
        kit.resellers().delete(w.asVendor, empty.id());
        assertEquals(java.util.Optional.empty(),
                storage.unitOfWork().write(() -> storage.usageCounters().tryAdd(counter, 0)), "no counter is left");
    }
}
