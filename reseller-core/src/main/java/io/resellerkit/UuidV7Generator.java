package io.resellerkit;

import io.resellerkit.spi.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The default id generator: time-ordered UUIDs (RFC 9562 version 7), so new rows land at the
 * end of indexes and ids sort in creation order. Unique across JVMs through 74 random bits.
 */
final class UuidV7Generator implements IdGenerator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UuidV7Generator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newId() {
        long millis = clock.millis();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
