package io.resellerkit.webhook;

import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.WebhookStore;
import io.resellerkit.spi.WebhookStore.Attempt;
import io.resellerkit.spi.WebhookStore.DeliveryState;
import io.resellerkit.spi.WebhookStore.Endpoint;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook deliveries that {@link Webhooks#listener()} queued, on any number of nodes.
 *
 * <ul>
 * <li>A pass claims up to a batch of due deliveries in storage (a conditional update that marks
 * each claimed by this node until a claim expiry), posts them all at once, and records each
 * outcome if the claim is still this node's. A node killed mid-delivery leaves claims that any node
 * retakes once they expire: nothing is lost, and the receiver may see a delivery twice, always with
 * the same {@code ResellerKit-Delivery-Id}.</li>
 * <li>Each request carries {@code ResellerKit-Signature} ({@link WebhookSignature}),
 * {@code ResellerKit-Delivery-Id}, {@code ResellerKit-Event-Type} and {@code ResellerKit-Attempt};
 * a 2xx answer delivers it. Redirects are not followed.</li>
 * <li>A failure (no answer within the timeouts, or another status) is tried again after a pause
 * drawn at random between zero and {@code first * 2^(attempts-1)}, capped at {@code max} ("full
 * jitter"); after {@code maxAttempts} failures the delivery is dead until replayed.</li>
 * </ul>
 */
public final class WebhookSender implements AutoCloseable {
    /** The delivery id header: the same on every attempt and replay of a delivery. */
    public static final String DELIVERY_ID_HEADER = "ResellerKit-Delivery-Id";
    /** The event type header, such as {@code user.created}. */
    public static final String EVENT_TYPE_HEADER = "ResellerKit-Event-Type";
    /** Which attempt this is, from 1. */
    public static final String ATTEMPT_HEADER = "ResellerKit-Attempt";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final UnitOfWork units;
    private final WebhookStore store;
    private final String owner;
    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration claimTtl;
    private final Duration pollInterval;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final int batchSize;
    private final Predicate<URI> allowedTargets;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    private WebhookSender(Builder b) {
        this.units = b.storage.unitOfWork();
        this.store = b.storage.webhooks();
        this.owner = b.owner != null ? b.owner : ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = b.clock;
        this.requestTimeout = b.requestTimeout;
        this.claimTtl = b.claimTtl;
        this.pollInterval = b.pollInterval;
        this.firstBackoff = b.firstBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxAttempts = b.maxAttempts;
        this.batchSize = b.batchSize;
        this.allowedTargets = b.allowedTargets;
    }

    /** Starts configuring a sender on {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** This node's name in its claims. */
    public String owner() {
        return owner;
    }

    /**
     * One pass: claims up to a batch of due deliveries, posts them concurrently, waits for every
     * answer (each within the request timeout) and records each outcome.
     *
     * @return how many deliveries were attempted
     */
    public int runOnce() {
        Instant now = now();
        List<StoredDelivery> claimed = units.writeIndependently(() -> store.claimDue(owner, now, now.plus(claimTtl), batchSize));
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, Endpoint> endpoints = new HashMap<>();
        units.read(() -> {
            store.endpoints().forEach(e -> endpoints.put(e.id(), e));
            return null;
        });
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (StoredDelivery d : claimed) {
            Endpoint e = endpoints.get(d.endpointId());
            if (e == null) {
                settle(d, new Attempt(DeliveryState.DEAD, d.attempts(), now, now, 0, "the endpoint was deleted"));
                continue;
            }
            sends.add(send(d, e));
        }
        sends.forEach(CompletableFuture::join);
        return claimed.size();
    }

    private CompletableFuture<Void> send(StoredDelivery d, Endpoint e) {
        int attempt = d.attempts() + 1;
        HttpRequest request;
        try {
            URI uri = URI.create(e.url());
            if (!allowedTargets.test(uri)) {
                return CompletableFuture.completedFuture(failed(d, attempt, 0, "the endpoint is not an allowed target"));
            }
            request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "ResellerKit-Webhooks")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(e.secret(), clock.instant(), d.payload()))
                    .header(DELIVERY_ID_HEADER, d.id())
                    .header(EVENT_TYPE_HEADER, d.eventType())
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                    .build();
        } catch (IllegalArgumentException ex) {
            // A URL changed in the table behind the library's back: a failure, not a stuck claim.
            return CompletableFuture.completedFuture(failed(d, attempt, 0, "the endpoint's URL is invalid"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        Instant at = now();
                        return settle(d, new Attempt(DeliveryState.DELIVERED, attempt, at, at, response.statusCode(), null));
                    }
                    return error != null ? failed(d, attempt, 0, describe(error))
                            : failed(d, attempt, response.statusCode(), "the endpoint answered " + response.statusCode());
                })
                .thenApply(ignored -> null);
    }

    private Void failed(StoredDelivery d, int attempt, int status, String error) {
        Instant at = now();
        boolean dead = attempt >= maxAttempts;
        Instant next = dead ? at : at.plusMillis(backoffMillis(attempt, firstBackoff, maxBackoff));
        LOG.info("webhook delivery {} to endpoint {} failed (attempt {} of {}): {}{}", d.id(), d.endpointId(), attempt,
                maxAttempts, error, dead ? "; it is dead now" : "");
        return settle(d, new Attempt(dead ? DeliveryState.DEAD : DeliveryState.PENDING, attempt, next, at, status, error));
    }

    private Void settle(StoredDelivery d, Attempt outcome) {
        try {
            if (!units.writeIndependently(() -> store.settle(d.id(), owner, outcome))) {
                LOG.warn("webhook delivery {}: its claim passed to another node before the outcome was recorded", d.id());
            }
        } catch (RuntimeException ex) {
            LOG.warn("webhook delivery {}: could not record its outcome; it is tried again when its claim expires", d.id(), ex);
        }
        return null;
    }

    /** The pause before the next attempt after {@code attempts} failures: uniform in [0, min(max, first * 2^(attempts-1))]. */
    static long backoffMillis(int attempts, Duration first, Duration max) {
        long bound = Math.min(max.toMillis(), first.toMillis() << Math.min(attempts - 1, 30));
        return ThreadLocalRandom.current().nextLong(bound + 1);
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Runs passes on a thread of its own, one every poll interval, at once again after a pass that sent something. */
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                throw new IllegalStateException("the webhook sender is running already");
            }
            running = true;
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "resellerkit-webhook-sender");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::passes, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void passes() {
        try {
            while (running && runOnce() > 0) {
                // until nothing is due
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook sender: a pass failed; trying again in {}", pollInterval, e);
        }
    }

    /** Stops the passes and waits for the one under way; its claims that were not settled expire. */
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
                e.awaitTermination(claimTtl.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Configures a {@link WebhookSender}; every setter checks its argument at once, {@link #build()} their combination. */
    public static final class Builder {
        private final Storage storage;
        private String owner;
        private HttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration claimTtl = Duration.ofSeconds(60);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration firstBackoff = Duration.ofSeconds(10);
        private Duration maxBackoff = Duration.ofHours(1);
        private int maxAttempts = 10;
        private int batchSize = 50;
        private Predicate<URI> allowedTargets = uri -> true;

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** This node's name in its claims (1 to 100 characters); by default the process id and a random UUID. */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner");
            if (owner.isEmpty() || owner.length() > 100) {
                throw new IllegalArgumentException("owner must be 1 to 100 characters, but had " + owner.length());
            }
            this.owner = owner;
            return this;
        }

        /** The HTTP client (by default the JDK's, with the connect timeout and no redirects). */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "httpClient");
            return this;
        }

        /** The clock of claims, retries and signature timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long connecting may take (5 s by default); not used with {@link #httpClient}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long a request may wait for its answer (10 s by default); longer counts as a failure. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * How long a claim lasts (60 s by default): how soon another node retries a delivery whose
         * sender died. Must exceed the connect and request timeouts together.
         */
        public Builder claimTtl(Duration claimTtl) {
            this.claimTtl = positive(claimTtl, "claimTtl");
            return this;
        }

        /** The pause between passes that found nothing due (1 s by default). */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /** The bound of the pause after the first failure (10 s by default), doubling per failure up to {@code max} (1 h). */
        public Builder retryBackoff(Duration first, Duration max) {
            this.firstBackoff = positive(first, "retryBackoff first");
            this.maxBackoff = positive(max, "retryBackoff max");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("retryBackoff max must be at least first, but was " + max + " < " + first);
            }
            return this;
        }

        /** How many failed attempts make a delivery dead (10 by default, 1 to 100). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100, but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** How many deliveries a pass claims and sends at once (50 by default, 1 to 1000). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 1000, but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Which URLs may be called (all by default), checked again before every request; see {@link Webhooks.Builder#allowedTargets}. */
        public Builder allowedTargets(Predicate<URI> allowedTargets) {
            this.allowedTargets = Objects.requireNonNull(allowedTargets, "allowedTargets");
            return this;
        }

        /**
         * The sender; does no I/O.
         *
         * @throws IllegalStateException if the claim does not outlast a request, so that another
         *                               node would retry a delivery still under way
         */
        public WebhookSender build() {
            storage.webhooks();
            if (claimTtl.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
                throw new IllegalStateException("claimTtl (" + claimTtl + ") must exceed connectTimeout plus requestTimeout ("
                        + connectTimeout.plus(requestTimeout) + "), or another node retries deliveries still under way");
            }
            return new WebhookSender(this);
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
