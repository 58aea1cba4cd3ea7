package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import java.time.Clock;
import java.time.Instant;
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
}
