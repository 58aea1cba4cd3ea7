package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.AuditVerification;
import io.resellerkit.AuditVerification.Break;
import io.resellerkit.AuditVerification.Problem;
import io.resellerkit.RequestContext;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.Storage;
import java.util.List;
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
        AuditVerification acme = w.kit.audit().verify(w.asVendor, w.acme.reseller.id());
        assertNull(acme.firstBreak());
        assertTrue(acme.ok());
        assertEquals(eventsOf(w.acme.reseller.id()), acme.eventsChecked());
        assertEquals(List.of(acmeChain, acmeChain + "/refusals"), acme.heads().stream().map(AuditVerification.Head::chain).toList());
        List<ChainedEvent> changes = chain(acmeChain);
        assertEquals(new AuditVerification.Head(acmeChain, changes.size(), changes.get(changes.size() - 1).link().hash()),
                acme.heads().get(0));
        assertEquals(1, acme.heads().get(1).seq());
        AuditVerification vendor = w.kit.audit().verify(w.asVendor, null);
        assertTrue(vendor.ok(), () -> "vendor chain: " + vendor.firstBreak());
        assertEquals(eventsOf(null), vendor.eventsChecked());
        assertEquals(List.of("vendor", "vendor/refusals"), vendor.heads().stream().map(AuditVerification.Head::chain).toList());
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
            assertEquals(ChainLink.hash(e.event(), prev), e.link().hash());
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
