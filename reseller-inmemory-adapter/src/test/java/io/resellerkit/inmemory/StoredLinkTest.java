package io.resellerkit.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resellerkit.spi.ChainLink;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact form of a chain link gives back exactly the link stored, whatever its form. */
class StoredLinkTest {
    private static final SortKey KEY = new SortKey(Instant.parse("2026-01-01T00:00:00Z"), "e1");
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String SALT = "salt:" + "00ff".repeat(8);

    @Test
    void aLinkWithFreshSaltsComesBackEqual() {
        roundTrip(new ChainLink("reseller/r1", 7, ChainLink.GENESIS, HASH, 2,
                Map.of("actorName", SALT, "changes/0/new", "salt:" + "a1".repeat(16))));
    }

    @Test
    void aLinkWithDigestsOddHashesOrVersionOneComesBackEqual() {
        roundTrip(new ChainLink("vendor", 1, HASH.toUpperCase(), "not hex", 2,
                Map.of("actorName", "digest:" + "ab".repeat(32), "actorEmail", SALT)));
        roundTrip(new ChainLink("vendor", 2, "SHORT", HASH.substring(1) + "A", 2, Map.of("actorName", "salt:" + "AB".repeat(16))));
        roundTrip(new ChainLink("vendor", 3, HASH, HASH, 1, Map.of()));
    }

    @Test
    void theLinkAfterAnotherSharesItsHashAndStillComesBackEqual() {
        StoredLink first = StoredLink.of(KEY, new ChainLink("vendor", 1, ChainLink.GENESIS, HASH, 2, Map.of()), null);
        ChainLink second = new ChainLink("vendor", 2, HASH, "f".repeat(64), 2, Map.of("actorName", SALT));
        assertEquals(second, StoredLink.of(KEY, second, first).link("vendor"));
    }

    private static void roundTrip(ChainLink link) {
        assertEquals(link, StoredLink.of(KEY, link, null).link(link.chain()));
    }
}
