package io.resellerkit.tail;

import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.Leases;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.TailCheckpoints;
import io.resellerkit.spi.TailCheckpoints.ChainLag;
import io.resellerkit.spi.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the audit trail for one named {@link AuditListener}: hands it every event committed to
 * any chain, in sequence order within each chain, at least once, and acknowledges each in storage
 * after the listener returned.
 *
 * <ul>
 * <li><b>The cursor</b> is the listener's position per chain ({@link TailCheckpoints}): a chain's
 * sequence numbers follow commit order without gaps, so reading above the position misses no
 * event that committed late and repeats none once acknowledged. The chains to visit are those
 * whose head is past the position.</li>
 * <li><b>One node of many</b>: a pass starts by taking or renewing the lease
 * {@code listener/<name>} in storage ({@link Leases}); a node without it delivers nothing. Each
 * acknowledgement renews the lease in the same unit of work, and is refused when another node
 * holds it, so a node that lost it stops at once. A node that dies without releasing it is
 * followed by another once the lease expires ({@link Builder#leaseTtl}).</li>
 * <li><b>At least once</b>: an event whose listener threw, or whose acknowledgement did not
 * commit, is delivered again, with the same {@link Delivery#deliveryId()}. A chain whose listener
 * failed waits (exponential backoff with jitter) without holding up the other chains.</li>
 * <li>Every unit it runs is the storage's own ({@link UnitOfWork#writeIndependently}), never a
 * transaction of the host's, so a delivered event is always a committed one.</li>
 * </ul>
 *
 * Run it with {@link #start()} and {@link #stop()}, or call {@link #runOnce()} from a loop of your
 * own. Events written before the schema kept chains (none on a new database) are not followed.
 */
public final class ListenerRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRunner.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int CHAINS_PER_PAGE = 100;

    private final UnitOfWork units;
    private final AuditTrail trail;
    private final TailCheckpoints checkpoints;
    private final Leases leases;
    private final String name;
    private final String leaseName;
    private final String owner;
    private final AuditListener listener;
    private final Clock clock;
    private final Duration leaseTtl;
    private final Duration pollInterval;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int batchSize;

    /** Chains whose listener failed: how often in a row, and when to try again. Guarded by this. */
    private final Map<String, Failure> failures = new HashMap<>();
    /** Until when this node holds the lease, null if it does not. Guarded by this. */
    private Instant leaseUntil;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    private record Failure(int attempts, Instant retryAt) {
    }

    private ListenerRunner(Builder b) {
        this.units = b.storage.unitOfWork();
        this.trail = b.storage.auditTrail();
        this.checkpoints = b.storage.tailCheckpoints();
        this.leases = b.storage.leases();
        this.name = b.name;
        this.leaseName = "listener/" + b.name;
        this.owner = b.owner != null ? b.owner : ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        this.listener = b.listener;
        this.clock = b.clock;
        this.leaseTtl = b.leaseTtl;
        this.pollInterval = b.pollInterval;
        this.firstBackoff = b.firstBackoff;
        this.maxBackoff = b.maxBackoff;
        this.batchSize = b.batchSize;
    }

    /** Starts configuring a runner of {@code listener}, named {@code name}, on {@code storage}. */
    public static Builder builder(Storage storage, String name, AuditListener listener) {
        return new Builder(storage, name, listener);
    }

    /** The listener's name: its checkpoints and its lease are kept under it. */
    public String name() {
        return name;
    }

    /** This node's name in the lease. */
    public String owner() {
        return owner;
    }

    /**
     * One pass: takes or renews the lease, then delivers up to a batch of events of every chain
     * that has some past the listener's position (chains waiting after a failure are skipped).
     *
     * @return how many events were delivered and acknowledged; 0 if this node does not hold the lease
     */
    public synchronized int runOnce() {
        if (!renewLease()) {
            return 0;
        }
        int delivered = 0;
        String after = null;
        List<ChainLag> page;
        do {
            String from = after;
            page = own(() -> checkpoints.behind(name, from, CHAINS_PER_PAGE));
            for (ChainLag lag : page) {
                after = lag.chain();
                Failure f = failures.get(lag.chain());
                if (f != null && now().isBefore(f.retryAt())) {
                    continue;
                }
                delivered += deliver(lag);
                if (leaseUntil == null) {
                    return delivered; // lost to another node: stop at once
                }
            }
        } while (page.size() == CHAINS_PER_PAGE);
        return delivered;
    }

    /** Delivers one batch of the chain; the number acknowledged. Stops early if the listener fails or the lease is lost. */
    private int deliver(ChainLag lag) {
        String chain = lag.chain();
        List<ChainedEvent> events = own(() -> trail.chain(chain, lag.position(), batchSize));
        int delivered = 0;
        for (ChainedEvent e : events) {
            if (!keepLease()) {
                return delivered;
            }
            Failure f = failures.get(chain);
            Delivery d = new Delivery(Delivery.idOf(name, e.event().id()), name, chain, e.link().seq(), e.event(),
                    f == null ? 1 : f.attempts() + 1);
            try {
                listener.onEvent(d);
            } catch (Exception ex) {
                failed(d, ex);
                return delivered;
            }
            failures.remove(chain);
            if (!acknowledge(chain, d.seq())) {
                return delivered;
            }
            delivered++;
        }
        return delivered;
    }

    /** Moves the checkpoint past the event, and renews the lease, in one unit: refused if another node holds the lease. */
    private boolean acknowledge(String chain, long seq) {
        Instant now = now();
        Instant until = now.plus(leaseTtl);
        boolean held = own(() -> {
            if (!leases.acquire(leaseName, owner, now, until)) {
                return false;
            }
            checkpoints.advance(name, chain, seq);
            return true;
        });
        return held(held, until);
    }

    /** Renews the lease once half of it is gone, so a slow listener does not let it lapse mid-delivery. */
    private boolean keepLease() {
        return leaseUntil != null && now().isBefore(leaseUntil.minus(leaseTtl.dividedBy(2))) || renewLease();
    }

    private boolean renewLease() {
        Instant now = now();
        Instant until = now.plus(leaseTtl);
        return held(own(() -> leases.acquire(leaseName, owner, now, until)), until);
    }

    private boolean held(boolean held, Instant until) {
        if (held) {
            leaseUntil = until;
        } else {
            if (leaseUntil != null) {
                LOG.info("listener {}: node {} lost its lease to another node and stops delivering", name, owner);
            }
            leaseUntil = null;
            failures.clear(); // whoever holds the lease now counts its own attempts
        }
        return held;
    }

    private void failed(Delivery d, Exception ex) {
        long bound = firstBackoff.toMillis() << Math.min(d.attempt() - 1, 20);
        long pause = Math.min(maxBackoff.toMillis(), bound);
        pause = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1); // jitter: half to all of it
        failures.put(d.chain(), new Failure(d.attempt(), now().plusMillis(pause)));
        LOG.warn("listener {} failed on event {} of chain {} (attempt {}); trying again in {} ms", name,
                d.event().id().value(), d.chain(), d.attempt(), pause, ex);
    }

    /** Whether this node held the lease at its last pass or acknowledgement. */
    public synchronized boolean holdsLease() {
        return leaseUntil != null && now().isBefore(leaseUntil);
    }

    /**
     * What is committed but not yet acknowledged, from storage (so any node can tell): one read of
     * the chain heads past the listener's positions.
     */
    public ListenerLag lag() {
        return units.read(() -> {
            long events = 0;
            int chains = 0;
            Instant oldest = null;
            String after = null;
            List<ChainLag> page;
            do {
                page = checkpoints.behind(name, after, CHAINS_PER_PAGE);
                for (ChainLag l : page) {
                    after = l.chain();
                    events += l.pending();
                    chains++;
                    if (l.oldestPending() != null && (oldest == null || l.oldestPending().isBefore(oldest))) {
                        oldest = l.oldestPending();
                    }
                }
            } while (page.size() == CHAINS_PER_PAGE);
            return new ListenerLag(events, chains, oldest);
        });
    }

    /** Runs passes on a thread of its own, one every poll interval, at once again after a pass that delivered. */
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                throw new IllegalStateException("listener " + name + " is running already");
            }
            running = true;
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "resellerkit-listener-" + name);
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::passes, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void passes() {
        try {
            while (running && runOnce() > 0) {
                // caught up only when a pass delivers nothing
            }
        } catch (RuntimeException e) {
            LOG.warn("listener {}: a pass failed; trying again in {}", name, pollInterval, e);
        }
    }

    /**
     * Stops the passes, waits for the one under way (up to the lease's length), and releases the
     * lease so that another node takes over at once.
     */
    public void stop() {
        ScheduledExecutorService e;
        synchronized (lifecycle) {
            e = executor;
            executor = null;
            running = false;
        }
        if (e != null) {
            e.shutdown();
            try {
                e.awaitTermination(leaseTtl.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                own(() -> {
                    leases.release(leaseName, owner);
                    return null;
                });
            } catch (RuntimeException ex) {
                LOG.warn("listener {}: could not release its lease; another node takes over when it expires", name, ex);
            }
            leaseUntil = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private <T> T own(Supplier<T> work) {
        return units.writeIndependently(work);
    }

    /** Storage keeps times to the microsecond. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Configures a {@link ListenerRunner}; every setter checks its argument at once. */
    public static final class Builder {
        private final Storage storage;
        private final String name;
        private final AuditListener listener;
        private String owner;
        private Clock clock = Clock.systemUTC();
        private Duration leaseTtl = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration firstBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private int batchSize = 100;

        private Builder(Storage storage, String name, AuditListener listener) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.listener = Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name must be 1 to 100 of A-Z a-z 0-9 . _ -, but was '"
                        + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'");
            }
            this.name = name;
        }

        /** This node's name in the lease (1 to 100 characters); by default the process id and a random UUID. */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner");
            if (owner.isEmpty() || owner.length() > 100) {
                throw new IllegalArgumentException("owner must be 1 to 100 characters, but had " + owner.length());
            }
            this.owner = owner;
            return this;
        }

        /** The clock of lease times and retry pauses; nodes' clocks must agree to well within the lease's length. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long the lease lasts unless renewed (30 s by default): how soon another node takes over from a dead one. */
        public Builder leaseTtl(Duration leaseTtl) {
            this.leaseTtl = positive(leaseTtl, "leaseTtl");
            return this;
        }

        /** The pause between passes that delivered nothing (1 s by default); at most half the lease. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /** The pause after a chain's first failure (1 s by default), doubling with each next one up to {@code max} (5 min). */
        public Builder retryBackoff(Duration first, Duration max) {
            this.firstBackoff = positive(first, "retryBackoff first");
            this.maxBackoff = positive(max, "retryBackoff max");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("retryBackoff max must be at least first, but was " + max + " < " + first);
            }
            return this;
        }

        /** How many events of one chain a pass delivers before it visits the next chain (100 by default, 1 to 1000). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 1000, but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * The runner; does no I/O.
         *
         * @throws IllegalStateException if the poll interval is more than half the lease (the lease would lapse
         *                               between passes)
         */
        public ListenerRunner build() {
            if (pollInterval.multipliedBy(2).compareTo(leaseTtl) > 0) {
                throw new IllegalStateException("pollInterval (" + pollInterval + ") must be at most half of leaseTtl ("
                        + leaseTtl + "), or the lease lapses between passes");
            }
            return new ListenerRunner(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
