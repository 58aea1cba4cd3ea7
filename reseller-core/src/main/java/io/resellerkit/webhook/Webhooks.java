package io.resellerkit.webhook;

import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.WebhookStore;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.Endpoint;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.tail.AuditListener;
import io.resellerkit.tail.Delivery;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Webhooks: endpoints, the {@link #listener() listener} that turns each audit event into one
 * delivery per matching endpoint (an outbox row, written in a unit of its own, no HTTP), and the
 * delivery log with replay. The deliveries are sent by a {@link WebhookSender}, on any node.
 *
 * <pre>{@code
 * Webhooks webhooks = Webhooks.builder(storage).build();
 * ListenerRunner.builder(storage, "webhooks", webhooks.listener()).build().start();
 * WebhookSender.builder(storage).build().start();
 * WebhookEndpoint.Registered r = webhooks.register("https://crm.example/hooks",
 *         Set.of(AuditAction.USER_CREATED), null);   // show r.secret() once
 * }</pre>
 *
 * This class checks no roles: it is the host's, called for the vendor, or for a reseller's admin
 * with that reseller's id (then only that reseller's events reach the endpoint). Whether a
 * reseller may register endpoints at all is the host's decision (see README, "Webhooks").
 */
public final class Webhooks {
    /** The name a webhook listener's deliveries are keyed by. */
    static final String DELIVERY_NAMESPACE = "webhook";
    private static final int MAX_URL = 2000;

    private final UnitOfWork units;
    private final WebhookStore store;
    private final ResellerStore resellers;
    private final Clock clock;
    private final Predicate<URI> allowedTargets;

    private Webhooks(Builder b) {
        this.units = b.storage.unitOfWork();
        this.store = b.storage.webhooks();
        this.resellers = b.storage.resellers();
        this.clock = b.clock;
        this.allowedTargets = b.allowedTargets;
    }

    /** Starts configuring webhooks on {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /**
     * Registers an endpoint and generates its secret (32 random bytes), returned only here.
     *
     * @param url        an absolute http or https URL, without user info, accepted by the allowed-targets check
     * @param eventTypes the actions it receives; empty for all
     * @param resellerId only this reseller's events (for a reseller's own endpoint); null for every event
     * @throws ValidationException naming {@code url} or {@code eventTypes} and the broken rule; nothing is written
     */
    public WebhookEndpoint.Registered register(String url, Set<AuditAction> eventTypes, ResellerId resellerId) {
        Endpoint e = newEndpoint(url, eventTypes, resellerId, allowedTargets, now());
        units.write(() -> {
            store.insertEndpoint(e);
            return null;
        });
        return new WebhookEndpoint.Registered(WebhookEndpoint.of(e), e.secret());
    }

    /**
     * A new endpoint with a new secret, its URL and event types checked; stores nothing. For
     * {@link #register} and the kit's permission-checked {@link io.resellerkit.WebhookService}.
     *
     * @throws ValidationException naming {@code url} or {@code eventTypes} and the broken rule
     */
    public static Endpoint newEndpoint(String url, Set<AuditAction> eventTypes, ResellerId resellerId,
                                       Predicate<URI> allowedTargets, Instant now) {
        URI uri = checkUrl(url, allowedTargets);
        if (eventTypes == null) {
            throw ValidationException.of("eventTypes", "NotNull", "must not be null");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (AuditAction a : eventTypes) { // not contains(null): immutable sets refuse the question
            if (a == null) {
                throw ValidationException.of("eventTypes", "NotNull", "must not contain null");
            }
            codes.add(a.code());
        }
        return new Endpoint("we_" + UUID.randomUUID(), uri.toString(), WebhookSignature.newSecret(), codes, resellerId,
                now.truncatedTo(ChronoUnit.MICROS));
    }

    /** Every endpoint, or with {@code resellerId} given only that reseller's own, without secrets. */
    public List<WebhookEndpoint> endpoints(ResellerId resellerId) {
        return units.read(() -> store.endpoints().stream()
                .filter(e -> resellerId == null || resellerId.equals(e.resellerId()))
                .map(WebhookEndpoint::of).toList());
    }

    /** The endpoint with this id, without its secret. */
    public Optional<WebhookEndpoint> endpoint(String id) {
        return units.read(() -> store.findEndpoint(id).map(WebhookEndpoint::of));
    }

    /** Deletes the endpoint; its pending deliveries go dead when next due. False if there was none. */
    public boolean delete(String endpointId) {
        return units.write(() -> store.deleteEndpoint(endpointId));
    }

    /** The delivery log: up to {@code limit} (1 to 100) deliveries matching {@code filter}, newest first, after {@code after}. */
    public List<StoredDelivery> deliveries(DeliveryFilter filter, StoredDelivery after, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > 100) {
            throw ValidationException.of("limit", "Range", "must be between 1 and 100");
        }
        return units.read(() -> store.deliveries(filter, after, limit));
    }

    /** One delivery from the log. */
    public Optional<StoredDelivery> delivery(String deliveryId) {
        return units.read(() -> store.findDelivery(deliveryId));
    }

    /**
     * Sends a delivered or dead delivery again: same delivery id and body, due now, attempts counted
     * from zero. False if it does not exist or is still pending.
     */
    public boolean replay(String deliveryId) {
        Instant now = now();
        return units.write(() -> store.requeue(deliveryId, now));
    }

    /**
     * The listener to run under a {@link io.resellerkit.tail.ListenerRunner}: for each event, one
     * pending delivery per endpoint that wants it, in a unit of its own, then returns. Handed the
     * same event again (a retry), it adds nothing: the delivery id is a name-based UUID of the
     * endpoint and the event.
     */
    public AuditListener listener() {
        return this::enqueue;
    }

    private void enqueue(Delivery d) {
        AuditEvent event = d.event();
        String type = event.action().code();
        Instant now = now();
        units.writeIndependently(() -> {
            Boolean cutOff = null; // looked up once, and only if a reseller's endpoint wants the event
            for (Endpoint e : store.endpoints()) {
                if (!e.wants(type, event.resellerId())) {
                    continue;
                }
                if (e.resellerId() != null) { // then it is the event's reseller
                    cutOff = cutOff != null ? cutOff : cutOff(e.resellerId(), now);
                    if (cutOff) {
                        continue;
                    }
                }
                String id = deliveryId(e.id(), event.id().value());
                store.enqueue(StoredDelivery.pending(id, e.id(), event.id().value(), type, event.resellerId(),
                        payload(id, d), now));
            }
            return null;
        });
    }

    /**
     * True if the reseller is gone or it, or one above it, is terminated: its staff have lost all
     * access, so its endpoints get none of its events either (they stay registered).
     */
    private boolean cutOff(ResellerId id, Instant now) {
        for (ResellerId r = id; r != null; ) {
            Reseller x = resellers.findById(r).orElse(null);
            if (x == null || x.standingAt(now) == ResellerStatus.TERMINATED) {
                return true;
            }
            r = x.parentId();
        }
        return false;
    }

    /** The id of {@code event}'s delivery to {@code endpoint}: the same on every node, retry and replay. */
    public static String deliveryId(String endpointId, String eventId) {
        return UUID.nameUUIDFromBytes((DELIVERY_NAMESPACE + "\n" + endpointId + "\n" + eventId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The body: the delivery id, the action, the chain and place, and the event in its canonical JSON. */
    private static String payload(String deliveryId, Delivery d) {
        return "{\"deliveryId\":\"" + deliveryId + "\",\"type\":\"" + d.event().action().code() + "\",\"chain\":\""
                + d.chain() + "\",\"seq\":" + d.seq() + ",\"event\":" + d.event().canonical() + "}";
    }

    /**
     * Checks an endpoint's URL: absolute, http or https, a host, no user info, up to 2000
     * characters, and accepted by {@code allowedTargets}.
     */
    static URI checkUrl(String url, Predicate<URI> allowedTargets) {
        if (url == null || url.isBlank()) {
            throw ValidationException.of("url", "NotBlank", "must not be blank");
        }
        if (url.length() > MAX_URL) {
            throw ValidationException.of("url", "Size", "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "URL", "must be a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ValidationException.of("url", "Scheme", "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ValidationException.of("url", "URL", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ValidationException.of("url", "URL", "must not carry user info");
        }
        if (!allowedTargets.test(uri)) {
            throw ValidationException.of("url", "AllowedTarget", "is not an allowed webhook target");
        }
        return uri;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Configures {@link Webhooks}; does no I/O. */
    public static final class Builder {
        private final Storage storage;
        private Clock clock = Clock.systemUTC();
        private Predicate<URI> allowedTargets = uri -> true;

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The clock of creation and replay times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Which URLs may be registered (all http and https ones by default). Webhooks make the
         * server send requests to addresses its users chose: restrict them (for example refuse
         * private and loopback addresses, or allow a list of hosts) against server-side request forgery.
         */
        public Builder allowedTargets(Predicate<URI> allowedTargets) {
            this.allowedTargets = Objects.requireNonNull(allowedTargets, "allowedTargets");
            return this;
        }

        /** The webhooks; fails at once if the storage keeps none. */
        public Webhooks build() {
            storage.webhooks();
            return new Webhooks(this);
        }
    }
}
