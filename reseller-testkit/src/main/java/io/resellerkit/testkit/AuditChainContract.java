package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.AuditService;
import io.resellerkit.AuditVerification;
import io.resellerkit.AuditVerification.Break;
import io.resellerkit.AuditVerification.Problem;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.PersonalSeals;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tamper-evident audit trail: a clean trail verifies, with every event of the owner's chains
 * checked; and each kind of tampering done behind the library's back ({@link AuditTampering}) is
 * found at the event where it was done, as what it is. Tests that tamper are skipped for an
 * adapter that offers no {@link AuditTampering}.
 */
public abstract class AuditChainContract {
    /** More events than one page of a verification (500), so that it reads several. */
    private static final int LONG_CHAIN = 520;

    /** A storage with nothing in it; called before every test. */
    protected abstract Storage emptyStorage();

    /** How to tamper with {@code storage}'s audit trail, or null if the adapter offers no way. */
    protected AuditTampering tampering(Storage storage) {
        return null;
    }

    private Storage storage;
    private World w;
    private String acmeChain;

    @BeforeEach
    void startWithAWorld() {
        storage = emptyStorage();
        w = new World(storage);
        acmeChain = "reseller/" + w.acme.reseller.id().value();
    }

    @Test
    void aCleanTrailVerifiesEveryEventOfTheOwnersChains() {
        deniedRead(w.acme.asAdmin); // a refusal of Acme's, in its chain of refusals
        w.kit.access().grant(w.asVendor, GrantAccess.of(w.acme.organization.id(), w.beta.admin.id(),
                Set.of(AccessPermission.USER_READ), w.clock.instant().plus(Duration.ofDays(1))));
        w.kit.users().get(w.beta.asAdmin, w.acme.user.id()); // a read under that grant, in Acme's chain of reads
        AuditVerification acme = w.kit.audit().verify(w.asVendor, w.acme.reseller.id());
        assertNull(acme.firstBreak());
        assertTrue(acme.ok());
        assertEquals(eventsOf(w.acme.reseller.id()), acme.eventsChecked());
        assertEquals(List.of(acmeChain, acmeChain + "/refusals", acmeChain + "/reads"),
                acme.heads().stream().map(AuditVerification.Head::chain).toList());
        List<ChainedEvent> changes = chain(acmeChain);
        assertEquals(new AuditVerification.Head(acmeChain, changes.size(), changes.get(changes.size() - 1).link().hash()),
                acme.heads().get(0));
        assertEquals(1, acme.heads().get(1).seq());
        assertEquals(List.of(AuditAction.ACCESS_USED), chain(acmeChain + "/reads").stream()
                .map(e -> e.event().action()).toList());
        AuditVerification vendor = w.kit.audit().verify(w.asVendor, null);
        assertTrue(vendor.ok(), () -> "vendor chain: " + vendor.firstBreak());
        assertEquals(eventsOf(null), vendor.eventsChecked());
        assertEquals(List.of("vendor", "vendor/refusals", "vendor/reads"), vendor.heads().stream().map(AuditVerification.Head::chain).toList());
        AuditVerification byItsAdmin = w.kit.audit().verify(w.acme.asAdmin, w.acme.reseller.id());
        assertEquals(acme.heads(), byItsAdmin.heads());
    }

    @Test
    void everyLinkOfAChainHasTheNextNumberAndTheHashOfTheOneBefore() {
        String prev = ChainLink.GENESIS;
        long seq = 1;
        for (ChainedEvent e : chain(acmeChain)) {
            assertEquals(seq++, e.link().seq());
            assertEquals(prev, e.link().prevHash());
            assertEquals(e.link().hashOf(e.event()), e.link().hash());
            assertEquals(ChainLink.CURRENT_VERSION, e.link().version());
            prev = e.link().hash();
        }
        assertTrue(seq > 5, "Acme's changes are chained");
    }

    @Test
    void anEventWhoseFieldWasEditedIsFoundAsChangedContentAtThatEvent() {
        ChainedEvent edited = chain(acmeChain).get(2);
        tamper().changeRequestId(edited.event().id(), "forged");
        assertBreak(acmeChain, edited.link().seq(), edited.event().id(), Problem.CONTENT_CHANGED);
    }

    @Test
    void aDeletedEventIsFoundAsMissingWhereItWas() {
        List<ChainedEvent> chain = chain(acmeChain);
        tamper().delete(chain.get(2).event().id());
        assertBreak(acmeChain, 3, chain.get(3).event().id(), Problem.EVENT_MISSING);
    }

    @Test
    void aDeletedLastEventIsFoundAgainstTheChainsHead() {
        List<ChainedEvent> chain = chain(acmeChain);
        tamper().delete(chain.get(chain.size() - 1).event().id());
        assertBreak(acmeChain, chain.size(), null, Problem.EVENT_MISSING);
    }

    @Test
    void twoEventsThatSwappedPlacesAreFoundAsReorderedAtTheFirstPlace() {
        List<ChainedEvent> chain = chain(acmeChain);
        tamper().swapPlaces(chain.get(2).event().id(), chain.get(3).event().id());
        assertBreak(acmeChain, 3, chain.get(3).event().id(), Problem.ORDER_CHANGED);
    }

    @Test
    void aRewrittenLinkIsFoundAsBrokenAtThatEvent() {
        ChainedEvent relinked = chain(acmeChain).get(4);
        tamper().relink(relinked.event().id(), chain(acmeChain).get(2).link().hash());
        assertBreak(acmeChain, 5, relinked.event().id(), Problem.LINK_BROKEN);
    }

    @Test
    void aRefusalEditedInItsChainIsFound() {
        deniedRead(w.acme.asAdmin);
        deniedRead(w.acme.asAdmin);
        ChainedEvent second = chain(acmeChain + "/refusals").get(1);
        tamper().changeRequestId(second.event().id(), "forged");
        assertBreak(acmeChain + "/refusals", 2, second.event().id(), Problem.CONTENT_CHANGED);
    }

    @Test
    void aChainLongerThanAPageVerifiesAndASwapAcrossPagesIsFound() {
        for (int i = 0; i < LONG_CHAIN; i++) {
            deniedRead(w.acme.asUser);
        }
        String refusals = acmeChain + "/refusals";
        AuditVerification clean = w.kit.audit().verify(w.asVendor, w.acme.reseller.id());
        assertTrue(clean.ok(), () -> "clean: " + clean.firstBreak());
        assertEquals(eventsOf(w.acme.reseller.id()), clean.eventsChecked());
        assertEquals(LONG_CHAIN, clean.heads().get(1).seq());
        List<ChainedEvent> chain = chain(refusals);
        tamper().swapPlaces(chain.get(499).event().id(), chain.get(500).event().id());
        assertBreak(refusals, 500, chain.get(500).event().id(), Problem.ORDER_CHANGED);
    }

    // ---- retention ----

    @Test
    void aPurgeDeletesTheOldestLinksInBatchesAndTheChainVerifiesFromItsCheckpoint() {
        List<ChainedEvent> before = chain(acmeChain);
        w.clock.advance(Duration.ofDays(400));
        Instant cutoff = w.clock.instant();
        deniedRead(w.acme.asAdmin); // a refusal after the cutoff: kept
        w.kit.users().update(w.acme.asAdmin, w.acme.user.id(), UpdateUser.changes().withLastName("Later"));
        long purged = w.kit.audit().purge(w.asVendor, cutoff, 3);
        assertEquals(0, Snapshot.of(storage).events().stream().filter(e -> e.occurredAt().isBefore(cutoff)).count(),
                "nothing older than the cutoff is left");
        List<ChainedEvent> kept = chain(acmeChain);
        assertEquals(1, kept.size(), "only the update after the cutoff is left of Acme's changes");
        assertEquals(before.size() + 1, kept.get(0).link().seq());
        ChainCheckpoint checkpoint = read(() -> storage.auditTrail().checkpoint(acmeChain));
        assertEquals(List.of((long) before.size(), before.get(before.size() - 1).link().hash(), w.vendor.id().value()),
                List.of(checkpoint.seq(), checkpoint.hash(), checkpoint.purgedBy()));
        AuditVerification acme = w.kit.audit().verify(w.asVendor, w.acme.reseller.id());
        assertTrue(acme.ok(), () -> "after the purge: " + acme.firstBreak());
        assertEquals(before.size(), acme.heads().get(0).purgedThrough());
        assertEquals(2, acme.eventsChecked(), "the kept change and the kept refusal");
        assertTrue(w.kit.audit().verify(w.asVendor, null).ok());
        List<AuditEvent> runs = Snapshot.of(storage).events().stream()
                .filter(e -> e.action() == AuditAction.AUDIT_PURGED).toList();
        assertEquals(1, runs.size(), "one event per run");
        assertEquals(Long.toString(purged), runs.get(0).changes().stream()
                .filter(c -> c.field().equals("eventsPurged")).findFirst().orElseThrow().newValue());
        assertEquals(0, w.kit.audit().purge(w.asVendor, cutoff, 3), "a second run finds nothing more to purge");
    }

    @Test
    void afterAPurgeAnEventDeletedFromTheKeptRangeIsStillFound() {
        deniedRead(w.acme.asAdmin);
        int purgedCount = chain(acmeChain).size() - 3;
        Instant cutoff = chain(acmeChain).get(purgedCount).event().occurredAt();
        w.kit.audit().purge(w.asVendor, cutoff, 100);
        List<ChainedEvent> kept = chain(acmeChain);
        assertEquals(purgedCount + 1, kept.get(0).link().seq());
        tamper().delete(kept.get(1).event().id());
        assertBreak(acmeChain, purgedCount + 2, kept.get(2).event().id(), Problem.EVENT_MISSING);
    }

    @Test
    void theOldestEventsDeletedWithoutMovingTheCheckpointAreFoundAsMissing() {
        List<ChainedEvent> chain = chain(acmeChain);
        tamper().delete(chain.get(0).event().id());
        tamper().delete(chain.get(1).event().id());
        assertBreak(acmeChain, 1, chain.get(2).event().id(), Problem.EVENT_MISSING);
    }

    @Test
    void aPurgeRefusesToDeleteABrokenLinkAndKeepsTheChainAsItWas() {
        List<ChainedEvent> chain = chain(acmeChain);
        tamper().changeRequestId(chain.get(1).event().id(), "forged");
        Instant later = w.clock.instant().plusSeconds(1);
        ConflictException refused = assertThrows(ConflictException.class, () -> w.kit.audit().purge(w.asVendor, later, 100));
        assertTrue(refused.getMessage().contains(acmeChain), refused.getMessage());
        assertEquals(chain.size(), chain(acmeChain).size(), "nothing of the broken chain was purged");
        assertBreak(acmeChain, 2, chain.get(1).event().id(), Problem.CONTENT_CHANGED);
    }

    @Test
    void onlyTheVendorPurgesOrErasesAndBadArgumentsAreRefusedNamingTheField() {
        Instant later = w.clock.instant().plusSeconds(1);
        int events = Snapshot.of(storage).events().size();
        assertThrows(AccessDeniedException.class, () -> w.kit.audit().purge(w.acme.asAdmin, later, 10));
        assertThrows(AccessDeniedException.class, () -> w.kit.audit().erase(w.acme.asAdmin, w.acme.user.id(), null));
        assertEquals("batchSize", assertThrows(ValidationException.class,
                () -> w.kit.audit().purge(w.asVendor, later, 0)).violations().get(0).field());
        assertEquals("batchSize", assertThrows(ValidationException.class,
                () -> w.kit.audit().purge(w.asVendor, later, AuditService.MAX_PURGE_BATCH + 1)).violations().get(0).field());
        assertEquals("userId", assertThrows(ValidationException.class,
                () -> w.kit.audit().erase(w.asVendor, null, null)).violations().get(0).field());
        assertEquals(events + 2, Snapshot.of(storage).events().size(), "two refusals, nothing purged");
    }

    // ---- erasure ----

    @Test
    void anErasedPersonIsGoneFromEveryEventAndTheChainsStillVerify() {
        User erin = w.kit.users().create(w.asVendor, CreateUser.of("Erin", "Erasable", "Erin.Erasable@acme.example",
                Role.RESELLER_ADMIN).inReseller(w.acme.reseller.id()));
        RequestContext asErin = RequestContext.of(erin.id());
        w.kit.users().update(asErin, w.acme.user.id(), UpdateUser.changes().withLastName("Renamed"));
        w.kit.users().update(w.asVendor, erin.id(), UpdateUser.changes().withEmail("erin.new@acme.example"));
        deniedRead(asErin);
        w.kit.users().delete(w.asVendor, erin.id());
        String[] traces = {"erin.erasable@acme.example", "erin.new@acme.example", "erin", "erasable"};
        assertTrue(mentions(traces), "the trail mentions Erin before the erasure");

        long erased = w.kit.audit().erase(w.asVendor, erin.id(), "ERIN.ERASABLE@acme.example");

        assertEquals(5, erased, "her create, her update, the update of her email, her refusal, her delete");
        assertFalse(mentions(traces), "no event mentions Erin after the erasure");
        assertEquals(List.of(), w.kit.audit().query(w.asVendor, AuditQuery.all().withText("erin"),
                PageRequest.first(100)).items());
        assertEquals(List.of(), w.kit.audit().query(w.asVendor, AuditQuery.all()
                .withActorEmails(Set.of("erin.new@acme.example")), PageRequest.first(100)).items());
        AuditEvent record = Snapshot.of(storage).events().stream().filter(e -> e.action() == AuditAction.AUDIT_ERASED)
                .findFirst().orElseThrow();
        assertEquals(erin.id().value(), record.resourceId());
        assertTrue(record.changes().contains(new FieldChange("eventsErased", null, "5")), record.changes()::toString);
        for (ResellerId owner : java.util.Arrays.asList(w.acme.reseller.id(), null)) {
            AuditVerification v = w.kit.audit().verify(w.asVendor, owner);
            assertTrue(v.ok(), () -> owner + " after the erasure: " + v.firstBreak());
        }
        assertEquals(0, w.kit.audit().erase(w.asVendor, erin.id(), null), "a second erasure finds nothing left");
    }

    @Test
    void anErasureIsRefusedWhileThePersonIsStillAUser() {
        int events = Snapshot.of(storage).events().size();
        ConflictException refused = assertThrows(ConflictException.class,
                () -> w.kit.audit().erase(w.asVendor, null, w.acme.user.email().toUpperCase(java.util.Locale.ROOT)));
        assertEquals(ConflictException.Kind.IN_USE, refused.kind());
        assertThrows(ConflictException.class, () -> w.kit.audit().erase(w.asVendor, w.acme.user.id(), null));
        assertEquals(events, Snapshot.of(storage).events().size(), "nothing was erased or recorded");
        assertTrue(mentions(w.acme.user.email()));
    }

    @Test
    void anErasedEventEditedAfterwardsIsStillFound() {
        User erin = w.kit.users().create(w.acme.asAdmin, CreateUser.of("Erin", "Erasable", "erin@acme.example",
                Role.USER).inReseller(w.acme.reseller.id()));
        w.kit.users().delete(w.acme.asAdmin, erin.id());
        w.kit.audit().erase(w.asVendor, erin.id(), null);
        ChainedEvent created = chain(acmeChain).stream().filter(e -> erin.id().value().equals(e.event().resourceId()))
                .findFirst().orElseThrow();
        assertTrue(created.event().changes().stream().anyMatch(c -> c.newValue() != null
                && c.newValue().startsWith(PersonalSeals.PSEUDONYM_PREFIX)), "erased: " + created.event());
        tamper().changeRequestId(created.event().id(), "forged");
        assertBreak(acmeChain, created.link().seq(), created.event().id(), Problem.CONTENT_CHANGED);
    }

    // ---- exports ----

    @Test
    void anExportCarriesEachEventsLinkAndVerifiesOfflineUntilAnEventIsEdited() {
        deniedRead(w.acme.asAdmin);
        List<ChainedEvent> exported = new ArrayList<>();
        w.kit.audit().exportChained(w.asVendor, AuditQuery.all().withOldestFirst(), exported::add);
        assertEquals(Snapshot.of(storage).events().size(), exported.size());
        Map<String, List<ChainedEvent>> byChain = new TreeMap<>();
        exported.forEach(e -> byChain.computeIfAbsent(e.link().chain(), c -> new ArrayList<>()).add(e));
        byChain.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(e -> e.link().seq())));
        assertEquals(chain(acmeChain), byChain.get(acmeChain), "the links as stored");
        byChain.forEach((chain, events) -> assertEquals(Optional.empty(),
                AuditVerification.check(0, ChainLink.GENESIS, events), chain));
        List<ChainedEvent> acme = new ArrayList<>(byChain.get(acmeChain));
        ChainedEvent third = acme.get(2);
        AuditEvent e = third.event();
        acme.set(2, new ChainedEvent(new AuditEvent(e.id(), e.occurredAt(), e.actorId(), e.actorRole(),
                e.actorResellerId(), e.actorName(), "someone.else@acme.example", e.action(), e.resourceType(),
                e.resourceId(), e.resellerId(), e.changes(), e.requestId(), e.clientIp(), e.userAgent(), e.reason()),
                third.link()));
        Break b = AuditVerification.check(0, ChainLink.GENESIS, acme).orElseThrow();
        assertEquals(List.of(3L, Problem.CONTENT_CHANGED), List.of(b.seq(), b.problem()));
    }

    @Test
    void theCsvExportCarriesTheChainColumns() {
        java.io.StringWriter out = new java.io.StringWriter();
        w.kit.audit().exportCsv(w.asVendor, AuditQuery.all().forReseller(w.acme.reseller.id()).withOldestFirst(), out);
        String[] lines = out.toString().split("\r\n");
        assertTrue(lines[0].endsWith(",chain,seq,prevHash,hash,hashVersion,seals"), lines[0]);
        ChainedEvent first = chain(acmeChain).get(0);
        assertTrue(lines[1].contains("," + acmeChain + ",1," + ChainLink.GENESIS + "," + first.link().hash() + ",2,"),
                lines[1]);
    }

    /** True if any stored event holds any of the texts, ignoring case. */
    private boolean mentions(String... texts) {
        return Snapshot.of(storage).events().stream().map(e -> e.toString().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(text -> java.util.Arrays.stream(texts).anyMatch(t -> text.contains(t.toLowerCase(java.util.Locale.ROOT))));
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        return storage.unitOfWork().read(work);
    }

    private void assertBreak(String chain, long seq, AuditEventId eventId, Problem problem) {
        AuditVerification v = w.kit.audit().verify(w.asVendor, w.acme.reseller.id());
        Break b = Objects.requireNonNull(v.firstBreak(), "the tampering was not found");
        assertEquals(List.of(chain, seq, problem), List.of(b.chain(), b.seq(), b.problem()), b::detail);
        assertEquals(eventId, b.eventId(), b::detail);
        assertTrue(w.kit.audit().verify(w.asVendor, w.beta.reseller.id()).ok(), "another reseller's chains are untouched");
    }

    private AuditTampering tamper() {
        AuditTampering t = tampering(storage);
        Assumptions.assumeTrue(t != null, "the adapter offers no way to tamper with its audit trail");
        return t;
    }

    /** A reseller admin's or user's read of Beta: refused, with an event concerning the actor's reseller. */
    private void deniedRead(RequestContext actor) {
        try {
            w.kit.resellers().get(actor, w.beta.reseller.id());
        } catch (io.resellerkit.error.AccessDeniedException expected) {
            return;
        }
        throw new AssertionError("the read of another reseller was allowed");
    }

    private List<ChainedEvent> chain(String chain) {
        return storage.unitOfWork().read(() -> storage.auditTrail().chain(chain, 0, 10_000));
    }

    private long eventsOf(ResellerId reseller) {
        return Snapshot.of(storage).events().stream().filter(e -> Objects.equals(reseller, e.resellerId())).count();
    }
}
