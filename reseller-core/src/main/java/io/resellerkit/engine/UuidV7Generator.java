package io.resellerkit.engine;

import io.resellerkit.spi.IdGenerator;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The default id generator: time-ordered UUIDs (RFC 9562 version 7), so new rows land at the
 * end of indexes. Within one JVM ids sort in the order they were made: inside a millisecond,
 * the 12-bit field after the time counts up (RFC 9562 method 1) from a random start. Unique
 * across JVMs through 62 random bits.
 */
final class UuidV7Generator implements IdGenerator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Random bits drawn 64 ids at a time: each draw from the system's source costs a lock and a
     * read, more than the rest of an id. Guarded by {@code this}, like the counter.
     */
    private final ByteBuffer pool = ByteBuffer.allocate(8 * 64).position(8 * 64);
    private long lastMillis = -1;
    private int sequence;

    UuidV7Generator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newId() {
        long millis;
        int seq;
        long bits;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0x0FFF) { // 4096 ids in one millisecond: borrow the next one
                    millis++;
                    sequence = random.nextInt(0x0400);
                }
            } else {
                sequence = random.nextInt(0x0400);
            }
            lastMillis = millis;
            seq = sequence;
            if (!pool.hasRemaining()) {
                random.nextBytes(pool.array());
                pool.clear();
            }
            bits = pool.getLong();
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (bits & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
