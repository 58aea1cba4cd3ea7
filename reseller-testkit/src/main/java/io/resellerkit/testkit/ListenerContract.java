package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.Role;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.Leases;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.TailCheckpoints;
import io.resellerkit.spi.TailCheckpoints.ChainLag;
import io.resellerkit.tail.Delivery;
import io.resellerkit.tail.ListenerLag;
import io.resellerkit.tail.ListenerRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Following the audit trail: the {@link TailCheckpoints} and {@link Leases} ports, and
 * {@link ListenerRunner} on them: every committed event delivered, in chain order, exactly once
 * while nothing fails (also while writers hold their units open), again with the same delivery id
 * after a failure, by one node at a time.
 */
public abstract class ListenerContract {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(10);

    /** A storage with nothing in it; called before every test. */
    protected abstract Storage emptyStorage();

    /**
     * A second node on {@code storage}'s database: a storage object of its own (its own connections)
     * on the same data. By default {@code storage} itself.
     */
    protected Storage anotherNode(Storage storage) {
        return storage;
    }

    private Storage storage;
    private World w;
    private final List<ListenerRunner> runners = new ArrayList<>();
    private ExecutorService pool;

    @BeforeEach
    void startWithAWorld() {
        storage = emptyStorage();
        w = new World(storage, 1000, 1000);
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopRunners() {
        runners.forEach(ListenerRunner::stop);
        pool.shutdownNow();
    }

    // ---- the ports ----

    @Test
    void aPositionStartsAtZeroAndOnlyMovesForward() {
        TailCheckpoints cp = storage.tailCheckpoints();
        assertEquals(0, cp.position("mailer", "vendor"));
        assertTrue(write(() -> cp.advance("mailer", "vendor", 3)));
        assertFalse(write(() -> cp.advance("mailer", "vendor", 2)), "a position never moves back");
        assertFalse(write(() -> cp.advance("mailer", "vendor", 3)));
        assertEquals(3, cp.position("mailer", "vendor"));
        assertTrue(write(() -> cp.advance("mailer", "vendor", 5)));
        assertEquals(5, cp.position("mailer", "vendor"));
        assertEquals(0, cp.position("crm", "vendor"), "each consumer has its own");
    }

    @Test
    void anAdvanceRolledBackWithItsUnitLeavesThePositionWhereItWas() {
        TailCheckpoints cp = storage.tailCheckpoints();
        write(() -> cp.advance("mailer", "vendor", 2));
        assertThrows(IllegalStateException.class, () -> write(() -> {
            cp.advance("mailer", "vendor", 7);
            cp.advance("mailer", "beta", 1);
            throw new IllegalStateException("rolled back");
        }));
        assertEquals(2, cp.position("mailer", "vendor"));
        assertEquals(0, cp.position("mailer", "beta"));
    }

    @Test
    void behindListsTheChainsPastThePositionInNameOrderWithTheirOldestPendingEvent() {
        TailCheckpoints cp = storage.tailCheckpoints();
        oneChange(3); // a refusal: one more chain
        Map<String, List<ChainedEvent>> chains = allChains();
        assertEquals(4, chains.size(), () -> "chains: " + chains.keySet());
        List<ChainLag> all = cp.behind("mailer", null, 100);
        assertEquals(List.copyOf(chains.keySet()), all.stream().map(ChainLag::chain).toList());
        for (ChainLag lag : all) {
            List<ChainedEvent> events = chains.get(lag.chain());
            assertEquals(new ChainLag(lag.chain(), 0, events.size(), events.get(0).event().occurredAt()), lag);
        }
        String first = all.get(0).chain();
        String partly = all.stream().skip(1).filter(l -> l.head() >= 2).findFirst().orElseThrow().chain();
        write(() -> cp.advance("mailer", first, chains.get(first).size()));
        write(() -> cp.advance("mailer", partly, 1));
        List<ChainLag> now = cp.behind("mailer", null, 100);
        assertEquals(all.stream().skip(1).map(l -> l.chain().equals(partly)
                ? new ChainLag(partly, 1, l.head(), chains.get(partly).get(1).event().occurredAt()) : l).toList(), now,
                "a chain caught up with is not behind; one partly caught up is, from its position");
        assertEquals(now.subList(1, 3), cp.behind("mailer", now.get(0).chain(), 2), "paged by chain name");
        assertEquals(now.subList(1, 2), cp.behind("mailer", now.get(0).chain(), 1));
        assertEquals(all.size(), cp.behind("crm", null, 100).size());
    }

    @Test
    void aLeaseHasOneOwnerUntilItExpires() {
        Leases leases = storage.leases();
        Instant until = T0.plus(LEASE);
        assertTrue(write(() -> leases.acquire("listener/mailer", "node-a", T0, until)));
        assertFalse(write(() -> leases.acquire("listener/mailer", "node-b", T0.plusSeconds(9), T0.plusSeconds(19))));
        assertEquals(new Leases.Lease("listener/mailer", "node-a", until), leases.find("listener/mailer").orElseThrow());
        assertTrue(write(() -> leases.acquire("listener/mailer", "node-a", T0.plusSeconds(5), T0.plusSeconds(15))),
                "its owner renews it");
        assertFalse(write(() -> leases.acquire("listener/mailer", "node-b", T0.plusSeconds(14), T0.plusSeconds(24))));
        assertTrue(write(() -> leases.acquire("listener/mailer", "node-b", T0.plusSeconds(15), T0.plusSeconds(25))),
                "expired, it goes to whoever asks");
        write(() -> {
            leases.release("listener/mailer", "node-a");
            return null;
        });
        assertEquals("node-b", leases.find("listener/mailer").orElseThrow().owner(), "only its owner releases it");
        write(() -> {
            leases.release("listener/mailer", "node-b");
            return null;
        });
        assertTrue(leases.find("listener/mailer").isEmpty());
        assertTrue(write(() -> leases.acquire("listener/mailer", "node-a", T0.plusSeconds(16), T0.plusSeconds(26))),
                "released, it is free at once");
    }

    @Test
    void ofManyNodesRacingForALeaseExactlyOneGetsIt() throws Exception {
        for (String state : List.of("new", "expired")) {
            String name = "race/" + state;
            if (state.equals("expired")) {
                write(() -> storage.leases().acquire(name, "old", T0, T0.plusSeconds(1)));
            }
            List<Storage> nodes = List.of(storage, anotherNode(storage));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Storage node = nodes.get(i % 2);
                String owner = "node-" + i;
                tries.add(pool.submit(() -> {
                    start.await();
                    return node.unitOfWork().write(() -> node.leases().acquire(name, owner, T0.plusSeconds(5),
                            T0.plusSeconds(15)));
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : tries) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, state + " lease");
        }
    }

    // ---- the runner ----

    @Test
    void aListenerGetsEveryEventOnceInChainOrderWithItsDeliveryId() {
        List<Delivery> got = new ArrayList<>();
        ListenerRunner runner = runner(storage, "mailer", "node-a", new ManualClock(), got::add);
        drain(runner);
        assertEveryEventExactlyOnceInChainOrder(got);
        for (Delivery d : got) {
            assertEquals(Delivery.idOf("mailer", d.event().id()), d.deliveryId());
            assertEquals(1, d.attempt());
        }
        assertEquals(new ListenerLag(0, 0, null), runner.lag());
        w.kit.resellers().update(w.asVendor, w.acme.reseller.id(), UpdateReseller.changes().withPhone("+1 555 0100"));
        assertEquals(1, runner.lag().events());
        assertEquals(1, runner.runOnce(), "only the new event");
        assertEquals("reseller.updated", got.get(got.size() - 1).event().action().code());
    }

    @Test
    void aFailingListenerGetsTheEventAgainWithTheSameDeliveryIdAndOtherChainsGoOn() {
        String acme = "reseller/" + w.acme.reseller.id().value();
        ManualClock clock = new ManualClock();
        List<Delivery> got = new ArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        ListenerRunner runner = runner(storage, "crm", "node-a", clock, d -> {
            got.add(d);
            if (d.chain().equals(acme) && d.seq() == 3 && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the CRM is down");
            }
        });
        runner.runOnce();
        long acmeEvents = allChains().get(acme).size();
        assertEquals(2, storage.tailCheckpoints().position("crm", acme), "not past the event that failed");
        assertEquals(acmeEvents - 2, runner.lag().events(), "only Acme's chain waits");
        assertEquals(0, runner.runOnce(), "the failed chain waits for its pause");
        clock.advance(Duration.ofSeconds(2));
        runner.runOnce();
        clock.advance(Duration.ofSeconds(5));
        drain(runner);
        List<Delivery> third = got.stream().filter(d -> d.chain().equals(acme) && d.seq() == 3).toList();
        assertEquals(List.of(1, 2, 3), third.stream().map(Delivery::attempt).toList());
        assertEquals(1, third.stream().map(Delivery::deliveryId).distinct().count(), "one delivery id across retries");
        List<Delivery> once = got.stream().filter(d -> !(d.chain().equals(acme) && d.seq() == 3 && d.attempt() < 3)).toList();
        assertEveryEventExactlyOnceInChainOrder(once);
        assertEquals(0, runner.lag().events());
    }

    @Test
    void oneNodeDeliversWhileItHoldsTheLeaseAndAnotherTakesOverOnceItExpires() {
        ManualClock clock = new ManualClock();
        List<Delivery> byA = new ArrayList<>();
        List<Delivery> byB = new ArrayList<>();
        ListenerRunner a = runner(storage, "billing", "node-a", clock, byA::add);
        ListenerRunner b = runner(anotherNode(storage), "billing", "node-b", clock, byB::add);
        drain(a);
        assertEquals(0, b.runOnce(), "b has no lease");
        assertTrue(a.holdsLease());
        assertFalse(b.holdsLease());
        // a dies without releasing its lease; the trail goes on
        w.kit.resellers().update(w.asVendor, w.beta.reseller.id(), UpdateReseller.changes().withPhone("+1 555 0199"));
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(0, b.runOnce(), "not before the lease expires");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, b.runOnce());
        assertEquals(0, a.runOnce(), "a, back, finds the lease taken");
        List<Delivery> all = new ArrayList<>(byA);
        all.addAll(byB);
        assertEveryEventExactlyOnceInChainOrder(all);
    }

    @Test
    void aNodeThatLostTheLeaseMidDeliveryStopsAndTheEventComesAgainWithItsDeliveryId() {
        ManualClock clock = new ManualClock();
        List<Delivery> got = new ArrayList<>();
        AtomicReference<ListenerRunner> b = new AtomicReference<>();
        AtomicInteger seen = new AtomicInteger();
        ListenerRunner a = runner(storage, "billing", "node-a", clock, d -> {
            got.add(d);
            if (seen.incrementAndGet() == 3) { // a stalls here past its lease; b takes over meanwhile
                clock.advance(LEASE.plusSeconds(1));
                drain(b.get());
            }
        });
        b.set(runner(anotherNode(storage), "billing", "node-b", clock, got::add));
        assertEquals(2, a.runOnce(), "a acknowledged the first two, then its third was refused");
        assertFalse(a.holdsLease());
        Delivery stalled = got.get(2);
        List<Delivery> again = got.stream().filter(d -> d.event().id().equals(stalled.event().id())).toList();
        assertEquals(2, again.size(), "delivered by a, then again by b");
        assertEquals(again.get(0).deliveryId(), again.get(1).deliveryId());
        List<Delivery> withoutTheStalled = new ArrayList<>(got);
        withoutTheStalled.remove(2);
        assertEveryEventExactlyOnceInChainOrder(withoutTheStalled);
    }

    @Test
    void twoNodesPollingTogetherNeverDeliverAtTheSameTimeAndNoEventIsLostWhenOneDies() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        Map<String, List<String>> deliveryIds = new ConcurrentHashMap<>();
        Set<String> owners = ConcurrentHashMap.newKeySet();
        Duration lease = Duration.ofSeconds(2);
        List<ListenerRunner> nodes = new ArrayList<>();
        for (String owner : List.of("node-a", "node-b")) {
            Storage node = owner.equals("node-a") ? storage : anotherNode(storage);
            nodes.add(track(ListenerRunner.builder(node, "audit-sink", d -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                owners.add(owner);
                deliveryIds.computeIfAbsent(d.event().id().value(), k -> new CopyOnWriteArrayList<>()).add(d.deliveryId());
                Thread.sleep(1);
                inFlight.decrementAndGet();
            }).owner(owner).leaseTtl(lease).pollInterval(Duration.ofMillis(10)).build()));
        }
        AtomicInteger alive = new AtomicInteger(0b11);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int bit = 1 << i;
            ListenerRunner node = nodes.get(i);
            loops.add(pool.submit(() -> {
                while ((alive.get() & bit) != 0) { // a loop that ends without stop(): a node that dies
                    node.runOnce();
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        updates(20, w.acme);
        awaitCaughtUp(nodes.get(0));
        ListenerRunner holder = nodes.get(0).holdsLease() ? nodes.get(0) : nodes.get(1);
        assertEquals(1, owners.size(), "one node delivered while both ran: " + owners);
        int holderIndex = holder == nodes.get(0) ? 0 : 1;
        alive.set(holderIndex == 0 ? 0b10 : 0b01); // the holder dies, its lease unreleased
        loops.get(holderIndex).get(30, TimeUnit.SECONDS);
        long died = System.nanoTime();
        updates(20, w.beta);
        awaitCaughtUp(nodes.get(0));
        assertTrue(System.nanoTime() - died >= lease.toNanos() / 2, "the other waited for the lease to expire");
        alive.set(0);
        for (Future<?> f : loops) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, owners.size(), "the other node took over");
        assertEquals(1, mostInFlight.get(), "never two deliveries at once");
        Set<String> expected = allChains().values().stream().flatMap(List::stream).map(e -> e.event().id().value())
                .collect(Collectors.toSet());
        assertEquals(expected, deliveryIds.keySet(), "no event lost");
        deliveryIds.forEach((event, ids) -> assertEquals(1, Set.copyOf(ids).size(), "one delivery id for " + event));
    }

    @Test
    void aTailerSeesEveryEventExactlyOnceWhileWritersHoldTheirUnitsOpen() throws Exception {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        ListenerRunner tailer = track(ListenerRunner.builder(storage, "tailer", got::add)
                .pollInterval(Duration.ofMillis(5)).leaseTtl(Duration.ofSeconds(30)).build());
        tailer.start();
        int writers = 6;
        int opsEach = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        AtomicInteger serial = new AtomicInteger();
        for (int i = 0; i < writers; i++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int k = 0; k < opsEach; k++) {
                    int n = serial.incrementAndGet();
                    // The event is stamped at the call; the unit commits only after the pause, so
                    // events commit out of time order, and chains are written side by side.
                    storage.unitOfWork().write(() -> {
                        oneChange(n);
                        sleepMillis(ThreadLocalRandom.current().nextInt(30));
                        return null;
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        awaitCaughtUp(tailer);
        tailer.stop();
        assertEveryEventExactlyOnceInChainOrder(got);
        assertTrue(got.size() >= writers * opsEach, "every write left an event: " + got.size());
    }

    // ---- helpers ----

    /**
     * A change to one of three chains (Acme's, Beta's, the vendor's), or a refusal into a chain of
     * refusals; creates, so that concurrent writers never conflict on a row's version.
     */
    private void oneChange(int n) {
        switch (n % 4) {
            case 0 -> w.kit.organizations().create(w.asVendor,
                    CreateOrganization.of("Org " + n, "org" + n + "@acme.example", 10, w.acme.reseller.id()));
            case 1 -> w.kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, w.beta.reseller.id()));
            case 2 -> w.kit.users().create(w.asVendor, CreateUser.of("Ada", "Admin" + n, "admin" + n + "@vendor.example", Role.ADMIN));
            default -> {
                try {
                    w.kit.users().get(w.acme.asAdmin, w.beta.user.id());
                } catch (AccessDeniedException expected) {
                    // its access.denied event stays
                }
            }
        }
    }

    private void updates(int count, World.Tenant tenant) {
        for (int i = 0; i < count; i++) {
            w.kit.resellers().update(w.asVendor, tenant.reseller.id(), UpdateReseller.changes().withPhone("+1 555 " + i));
        }
    }

    private void awaitCaughtUp(ListenerRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (runner.lag().events() > 0) {
            assertTrue(System.nanoTime() < deadline, () -> "still behind: " + runner.lag());
            Thread.sleep(10);
        }
    }

    /** Every chained event in the store, by chain name, in sequence order. */
    private Map<String, List<ChainedEvent>> allChains() {
        Map<String, List<ChainedEvent>> chains = new LinkedHashMap<>();
        for (ChainLag lag : storage.tailCheckpoints().behind("census", null, 1000)) {
            chains.put(lag.chain(), storage.auditTrail().chain(lag.chain(), 0, 100_000));
        }
        return chains;
    }

    /** {@code got} holds each stored event once, each chain's in sequence order. */
    private void assertEveryEventExactlyOnceInChainOrder(List<Delivery> got) {
        Map<String, List<ChainedEvent>> chains = allChains();
        Map<String, List<AuditEventId>> delivered = new HashMap<>();
        for (Delivery d : got) {
            delivered.computeIfAbsent(d.chain(), c -> new ArrayList<>()).add(d.event().id());
            assertEquals(d.chain() + "#" + d.seq(), chainOf(chains, d.event().id()), "the delivery's chain and place");
        }
        assertEquals(chains.keySet(), delivered.keySet());
        chains.forEach((chain, events) -> assertEquals(events.stream().map(e -> e.event().id()).toList(),
                delivered.get(chain), () -> chain + ": every event once, in order"));
        assertNull(duplicate(got));
    }

    private static String chainOf(Map<String, List<ChainedEvent>> chains, AuditEventId id) {
        for (List<ChainedEvent> events : chains.values()) {
            for (ChainedEvent e : events) {
                if (e.event().id().equals(id)) {
                    return e.link().chain() + "#" + e.link().seq();
                }
            }
        }
        return null;
    }

    private static String duplicate(List<Delivery> got) {
        Set<String> seen = new java.util.HashSet<>();
        return got.stream().map(Delivery::deliveryId).filter(id -> !seen.add(id)).findFirst().orElse(null);
    }

    private ListenerRunner runner(Storage on, String name, String owner, Clock clock, CheckedListener listener) {
        return track(ListenerRunner.builder(on, name, listener::onEvent).owner(owner).clock(clock).leaseTtl(LEASE)
                .pollInterval(Duration.ofSeconds(1)).retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)).build());
    }

    private ListenerRunner track(ListenerRunner r) {
        runners.add(r);
        return r;
    }

    private static void drain(ListenerRunner runner) {
        while (runner.runOnce() > 0) {
            // until a pass delivers nothing
        }
    }

    private <T> T write(java.util.function.Supplier<T> work) {
        return storage.unitOfWork().write(work);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface CheckedListener {
        void onEvent(Delivery d) throws Exception;
    }

    /** A clock that stands still until moved. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

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
            return now;
        }
    }
}
