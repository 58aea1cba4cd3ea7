package io.resellerkit.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reads take no lock unless a write unit overlaps them (see {@link Transactions}): these tests
 * pin down that such a read still sees only committed state, each unit whole or not at all.
 */
class LockFreeReadsTest {
    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void aReadWhileAUnitIsOpenSeesNeitherItsWriteNorAfterItsRollbackAnything() throws Exception {
        Reseller r = reseller();
        CountDownLatch written = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                storage.unitOfWork().write(() -> {
                    storage.resellers().insert(r);
                    written.countDown();
                    sleep(300); // the unit stays open while the reader reads
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
        });
        writer.start();
        assertTrue(written.await(10, TimeUnit.SECONDS));
        assertFalse(storage.resellers().findById(r.id()).isPresent(), "read an uncommitted or rolled-back row");
        writer.join();
        assertFalse(storage.resellers().findById(r.id()).isPresent());
    }

    @Test
    void aReadConcurrentWithCommitsSeesEachUnitWholeOrNotAtAll() throws Exception {
        int units = 2_000;
        Reseller[][] pairs = new Reseller[units][];
        for (int i = 0; i < units; i++) {
            pairs[i] = new Reseller[] {reseller(), reseller()};
        }
        AtomicInteger writing = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < units; i++) {
                Reseller[] pair = pairs[i];
                writing.set(i);
                storage.unitOfWork().write(() -> {
                    storage.resellers().insert(pair[0]);
                    spin(20_000); // widens the moment in which half of the unit is written
                    storage.resellers().insert(pair[1]);
                    return null;
                });
            }
        });
        writer.start();
        int halves = 0;
        int reads = 0;
        while (writer.isAlive()) {
            Reseller[] pair = pairs[writing.get()];
            boolean[] seen = storage.unitOfWork().read(() -> new boolean[] {
                    storage.resellers().findById(pair[0].id()).isPresent(),
                    storage.resellers().findById(pair[1].id()).isPresent()});
            reads++;
            if (seen[0] != seen[1]) {
                halves++;
            }
        }
        writer.join();
        assertTrue(reads > 0);
        assertEquals(0, halves, "reads that saw half of a unit, of " + reads);
    }

    @Test
    void aReadUnitStillRefusesWrites() {
        assertThrows(IllegalStateException.class, () -> storage.unitOfWork().read(() -> {
            storage.resellers().insert(reseller());
            return null;
        }));
    }

    private static Reseller reseller() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Reseller(ResellerId.of(UUID.randomUUID().toString()), "R", "r@example.com", null, null, -1, -1,
                ResellerStatus.ACTIVE, null, Map.of(), 1, now, now, null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
