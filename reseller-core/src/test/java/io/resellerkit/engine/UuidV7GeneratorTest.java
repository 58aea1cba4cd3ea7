package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

class UuidV7GeneratorTest {
    @Test
    void idsAreVersionSevenUuidsThatSortByTheirMillisecond() {
        String early = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC)).newId();
        String late = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(2_000), ZoneOffset.UTC)).newId();
        assertEquals(7, UUID.fromString(early).version());
        assertEquals(2, UUID.fromString(early).variant());
        assertTrue(early.compareTo(late) < 0);
    }

    @Test
    void idsInTheSameMillisecondAreStillUnique() {
        UuidV7Generator ids = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ids.newId()));
        }
    }

    /**
     * The generator promises that ids sort in the order they were made, as strings (how the
     * stores compare ids). 10,000 ids in one millisecond run the 12-bit counter over its end
     * more than once, so borrowing the next millisecond is covered too.
     */
    @Test
    void idsMadeInTheSameMillisecondSortInTheOrderTheyWereMade() {
        UuidV7Generator ids = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
        String previous = ids.newId();
        for (int i = 1; i < 10_000; i++) {
            String next = ids.newId();
            assertTrue(previous.compareTo(next) < 0, "id " + i + " " + next + " sorts before " + previous);
            previous = next;
        }
    }

    @Test
    void idsStillSortInTheOrderTheyWereMadeWhenTheClockStepsBack() {
        long[] millis = {5_000};
        Clock stepping = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis[0]);
            }
        };
        UuidV7Generator ids = new UuidV7Generator(stepping);
        String before = ids.newId();
        millis[0] = 4_000; // an NTP correction
        String after = ids.newId();
        assertTrue(before.compareTo(after) < 0);
    }
}
