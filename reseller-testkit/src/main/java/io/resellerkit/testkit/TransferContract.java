package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.TransferToken;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer transfers between resellers: Acme's customer organization (its organization admin,
 * its user, a license assigned to the user and one assigned to the organization) moves to Beta,
 * by the vendor or by Beta's admin holding a token Acme issued. The races (one token redeemed
 * at once by many, a transfer against creates at the receiver's cap) are in
 * {@link ConcurrencyContract}; who may call what is in {@link PermissionMatrixContract}.
 */
public abstract class TransferContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private Storage storage;
    private World w;
    private ResellerKit kit;
    private Organization customer;
    private License organizationLicense;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
        customer = w.acme.organization;
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.acme.reseller.id()));
        organizationLicense = kit.licenses().assignToOrganization(w.asVendor, l.id(), customer.id());
    }

    private TransferToken tokenForBeta() {
        return kit.organizations().issueTransferToken(w.acme.asAdmin, customer.id(), w.beta.reseller.id());
    }

    private ResellerService.Usage usage(Reseller r) {
        return kit.resellers().usage(w.asVendor, r.id());
    }

    private List<AuditEvent> trail(ResellerId reseller, AuditAction action) {
        return kit.audit().query(w.asVendor, AuditQuery.all().forReseller(reseller)
                .withActions(java.util.Set.of(action)), PageRequest.first(100)).items();
    }

    /** Resource id to how many events of {@code action} name it in the reseller's trail. */
    private Map<String, Integer> moved(ResellerId reseller, AuditAction action) {
        Map<String, Integer> ids = new TreeMap<>();
        trail(reseller, action).forEach(e -> ids.merge(e.resourceId(), 1, Integer::sum));
        return ids;
    }

    /** The organization, its two users and its two licenses are Beta's, with their slots, in both trails. */
    private void assertMovedToBeta(ResellerService.Usage acmeBefore, ResellerService.Usage betaBefore) {
        ResellerId acme = w.acme.reseller.id();
        ResellerId beta = w.beta.reseller.id();
        assertEquals(beta, kit.organizations().get(w.asVendor, customer.id()).resellerId());
        for (User u : List.of(w.acme.organizationAdmin, w.acme.user)) {
            User now = kit.users().get(w.asVendor, u.id());
            assertEquals(beta, now.resellerId(), "user moved");
            assertEquals(customer.id(), now.organizationId(), "user stays in its organization");
        }
        License userLicense = kit.licenses().get(w.asVendor, w.acme.license.id());
        assertEquals(beta, userLicense.resellerId());
        assertEquals(w.acme.user.id(), userLicense.assignedUser(), "the license stays assigned");
        License orgLicense = kit.licenses().get(w.asVendor, organizationLicense.id());
        assertEquals(beta, orgLicense.resellerId());
        assertEquals(customer.id(), orgLicense.assignedOrganization());
        assertEquals(w.acme.admin.resellerId(), kit.users().get(w.asVendor, w.acme.admin.id()).resellerId(),
                "staff never move");
        assertEquals(new ResellerService.Usage(acmeBefore.allowedUsers(), acmeBefore.users() - 2,
                acmeBefore.allowedOrganizations(), acmeBefore.organizations() - 1), usage(w.acme.reseller));
        assertEquals(new ResellerService.Usage(betaBefore.allowedUsers(), betaBefore.users() + 2,
                betaBefore.allowedOrganizations(), betaBefore.organizations() + 1), usage(w.beta.reseller));
        for (ResellerId trail : List.of(acme, beta)) {
            assertEquals(Map.of(customer.id().value(), 1), moved(trail, AuditAction.ORGANIZATION_TRANSFERRED));
            assertEquals(Map.of(w.acme.organizationAdmin.id().value(), 1, w.acme.user.id().value(), 1),
                    moved(trail, AuditAction.USER_TRANSFERRED));
            assertEquals(Map.of(w.acme.license.id().value(), 1, organizationLicense.id().value(), 1),
                    moved(trail, AuditAction.LICENSE_TRANSFERRED));
            AuditEvent e = trail(trail, AuditAction.ORGANIZATION_TRANSFERRED).get(0);
            assertTrue(e.changes().contains(new FieldChange("resellerId", acme.value(), beta.value())), e::toString);
        }
        // Acme's admin lost it; Beta's admin has it.
        Refusals.assertDenied(storage, () -> kit.organizations().get(w.acme.asAdmin, customer.id()));
        assertEquals(beta, kit.organizations().get(w.beta.asAdmin, customer.id()).resellerId());
    }

    @Test
    void theReceivingResellerAdminWithATokenMovesTheOrganizationItsUsersLicensesAndSlots() {
        var acmeBefore = usage(w.acme.reseller);
        var betaBefore = usage(w.beta.reseller);
        TransferToken token = tokenForBeta();
        Organization moved = kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(),
                token.secret());
        assertEquals(w.beta.reseller.id(), moved.resellerId());
        assertEquals(customer.version() + 1, moved.version());
        assertMovedToBeta(acmeBefore, betaBefore);
        AuditEvent issued = trail(w.acme.reseller.id(), AuditAction.ORGANIZATION_TRANSFER_TOKEN_ISSUED).get(0);
        assertEquals(token.id(), issued.resourceId());
        assertEquals(w.acme.admin.id(), issued.actorId());
        AuditEvent redeemed = trail(w.beta.reseller.id(), AuditAction.ORGANIZATION_TRANSFER_TOKEN_REDEEMED).get(0);
        assertEquals(token.id(), redeemed.resourceId());
        assertEquals(w.beta.admin.id(), redeemed.actorId());
    }

    @Test
    void theVendorTransfersWithoutAToken() {
        var acmeBefore = usage(w.acme.reseller);
        var betaBefore = usage(w.beta.reseller);
        kit.organizations().transfer(w.asVendor, customer.id(), w.beta.reseller.id(), null);
        assertMovedToBeta(acmeBefore, betaBefore);
        assertEquals(List.of(), trail(w.beta.reseller.id(), AuditAction.ORGANIZATION_TRANSFER_TOKEN_REDEEMED));
    }

    @Test
    void theOrganizationAdminMayIssueATokenForItsOwnOrganization() {
        TransferToken token = kit.organizations().issueTransferToken(w.acme.asOrganizationAdmin, customer.id(),
                w.beta.reseller.id());
        kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), token.secret());
        assertEquals(w.beta.reseller.id(), kit.organizations().get(w.asVendor, customer.id()).resellerId());
    }

    @Test
    void onlyTheHashOfTheSecretIsStoredAndNoEventShowsTheSecret() throws Exception {
        TransferToken token = tokenForBeta();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.secret().getBytes(StandardCharsets.UTF_8)));
        var stored = storage.unitOfWork().read(() -> storage.transferTokens().findByHash(hash)).orElseThrow();
        assertEquals(token.id(), stored.id());
        assertEquals(customer.id(), stored.organizationId());
        assertNull(stored.redeemedAt());
        assertTrue(storage.unitOfWork().read(() -> storage.transferTokens().findByHash(token.secret())).isEmpty());
        for (AuditEvent e : Snapshot.of(storage).events()) {
            assertFalse(e.toString().contains(token.secret()), e::toString);
        }
        assertFalse(token.toString().contains(token.secret()), "toString leaves the secret out");
    }

    @Test
    void aTransferTheReceiversCapsCannotTakeIsRefusedWritingNothingAndTheTokenStaysUsable() {
        TransferToken token = tokenForBeta();
        long betaUsers = usage(w.beta.reseller).users();
        kit.resellers().changeQuotas(w.asVendor, w.beta.reseller.id(), new ChangeQuotas((int) betaUsers + 1, null, null));
        QuotaExceededException e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class,
                AuditAction.QUOTA_EXCEEDED, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                        w.beta.reseller.id(), token.secret()));
        assertEquals("reseller.allowedUsers", e.quota());
        kit.resellers().changeQuotas(w.asVendor, w.beta.reseller.id(), new ChangeQuotas((int) betaUsers + 2, null, null));
        kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), token.secret());
        assertEquals(betaUsers + 2, usage(w.beta.reseller).users());
    }

    @Test
    void aTransferPastTheReceiversOrganizationCapIsRefusedWritingNothing() {
        kit.resellers().changeQuotas(w.asVendor, w.beta.reseller.id(),
                new ChangeQuotas(null, (int) usage(w.beta.reseller).organizations(), null));
        QuotaExceededException e = Refusals.assertRefusedLeavingOnly(storage, QuotaExceededException.class,
                AuditAction.QUOTA_EXCEEDED, () -> kit.organizations().transfer(w.asVendor, customer.id(),
                        w.beta.reseller.id(), null));
        assertEquals("reseller.allowedOrganizations", e.quota());
    }

    @Test
    void anExpiredTokenIsRefused() {
        TransferToken token = tokenForBeta();
        assertEquals(ResellerKit.DEFAULT_TRANSFER_TOKEN_TTL, Duration.ofDays(7));
        w.clock.advance(Duration.ofDays(7).plusSeconds(1));
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), token.secret()));
    }

    @Test
    void theTokenLifetimeIsTheBuildersOnTheKitsClock() {
        ResellerKit shortLived = ResellerKit.builder(storage).clock(w.clock).transferTokenTtl(Duration.ofHours(1)).build();
        TransferToken token = shortLived.organizations().issueTransferToken(w.acme.asAdmin, customer.id(),
                w.beta.reseller.id());
        TransferToken longer = tokenForBeta();
        assertTrue(token.expiresAt().isBefore(longer.expiresAt().minus(Duration.ofDays(6))), token::toString);
        w.clock.advance(Duration.ofMinutes(61));
        Refusals.assertDenied(storage, () -> shortLived.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), token.secret()));
        kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), longer.secret());
    }

    @Test
    void aTokenWorksOnce() {
        TransferToken token = tokenForBeta();
        kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), token.secret());
        kit.organizations().transfer(w.asVendor, customer.id(), w.acme.reseller.id(), null);
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), token.secret()));
    }

    @Test
    void aTransferVoidsTheTokensIssuedWhereTheOrganizationWas() {
        Reseller gamma = kit.resellers().create(w.asVendor, CreateReseller.of("Gamma", "ops@gamma.example", 10, 5));
        User gammaAdmin = kit.users().create(w.asVendor, CreateUser.of("Gus", "Gamma", "admin@gamma.example",
                Role.RESELLER_ADMIN).inReseller(gamma.id()));
        TransferToken acmes = tokenForBeta();
        kit.organizations().transfer(w.asVendor, customer.id(), gamma.id(), null);
        // Acme's consent is not Gamma's: Beta cannot take the customer from Gamma with it.
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), acmes.secret()));
        TransferToken gammas = kit.organizations().issueTransferToken(RequestContext.of(gammaAdmin.id()), customer.id(),
                w.beta.reseller.id());
        kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), gammas.secret());
        assertEquals(w.beta.reseller.id(), kit.organizations().get(w.asVendor, customer.id()).resellerId());
    }

    @Test
    void aTokenForAnotherOrganizationOrAnotherReceiverIsRefused() {
        Reseller gamma = kit.resellers().create(w.asVendor, CreateReseller.of("Gamma", "ops@gamma.example", 10, 5));
        User gammaAdmin = kit.users().create(w.asVendor, CreateUser.of("Gus", "Gamma", "admin@gamma.example",
                Role.RESELLER_ADMIN).inReseller(gamma.id()));
        TransferToken forGamma = kit.organizations().issueTransferToken(w.acme.asAdmin, customer.id(), gamma.id());
        // Beta's admin holding a token issued for Gamma.
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), forGamma.secret()));
        // Gamma's admin taking another of Acme's organizations with it.
        Organization other = kit.organizations().create(w.acme.asAdmin,
                io.resellerkit.command.CreateOrganization.of("Other", "it@other.example", 5, w.acme.reseller.id()));
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(RequestContext.of(gammaAdmin.id()),
                other.id(), gamma.id(), forGamma.secret()));
        // Gamma's admin moving the organization to Beta, which it does not administer.
        TransferToken forBeta = tokenForBeta();
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(RequestContext.of(gammaAdmin.id()),
                customer.id(), w.beta.reseller.id(), forBeta.secret()));
        // An unknown token.
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), "x".repeat(43)));
        // And the right one still works.
        kit.organizations().transfer(RequestContext.of(gammaAdmin.id()), customer.id(), gamma.id(), forGamma.secret());
    }

    @Test
    void aResellerAdminWithoutATokenIsRefusedAsAccessDenied() {
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(),
                w.beta.reseller.id(), null));
        // Nor may the current reseller's admin give its customer away by itself.
        Refusals.assertDenied(storage, () -> kit.organizations().transfer(w.acme.asAdmin, customer.id(),
                w.beta.reseller.id(), null));
    }

    @Test
    void aTransferOrTokenToTheOrganizationsOwnResellerIsAValidationErrorNamingTheField() {
        ValidationException issue = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> kit.organizations().issueTransferToken(w.acme.asAdmin, customer.id(), w.acme.reseller.id()));
        assertEquals("toResellerId", issue.violations().get(0).field());
        ValidationException move = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> kit.organizations().transfer(w.asVendor, customer.id(), w.acme.reseller.id(), null));
        assertEquals("toResellerId", move.violations().get(0).field());
        ValidationException blank = Refusals.assertRefusedLeavingOnly(storage, ValidationException.class, null,
                () -> kit.organizations().transfer(w.beta.asAdmin, customer.id(), w.beta.reseller.id(), " "));
        assertEquals("token", blank.violations().get(0).field());
    }
}
