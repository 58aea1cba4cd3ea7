package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.spi.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook endpoints and deliveries in maps. Units of work run one writer at a time, so each
 * claim and settlement is a conditional update; every change is undone with its unit.
 */
final class InMemoryWebhooks implements WebhookStore {
    private static final Comparator<StoredDelivery> NEWEST_FIRST =
            Comparator.comparing(StoredDelivery::createdAt).thenComparing(StoredDelivery::id).reversed();
    private static final Comparator<StoredDelivery> OLDEST_DUE_FIRST =
            Comparator.comparing(StoredDelivery::nextAttemptAt).thenComparing(StoredDelivery::id);

    private final Transactions tx;
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final Map<String, StoredDelivery> deliveries = new ConcurrentHashMap<>();

    InMemoryWebhooks(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void insertEndpoint(Endpoint endpoint) {
        tx.change(() -> {
            if (endpoints.containsKey(endpoint.id())) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "the webhook endpoint exists");
            }
            endpoints.put(endpoint.id(), endpoint);
        }, () -> endpoints.remove(endpoint.id()));
    }

    @Override
    public Optional<Endpoint> findEndpoint(String id) {
        return tx.query(() -> Optional.ofNullable(endpoints.get(id)));
    }

    @Override
    public List<Endpoint> endpoints() {
        return tx.query(() -> List.copyOf(endpoints.values()));
    }

    @Override
    public boolean deleteEndpoint(String id) {
        Endpoint[] before = new Endpoint[1];
        tx.change(() -> before[0] = endpoints.remove(id), () -> {
            if (before[0] != null) {
                endpoints.put(id, before[0]);
            }
        });
        return before[0] != null;
    }

    @Override
    public boolean enqueue(StoredDelivery delivery) {
        boolean[] added = new boolean[1];
        tx.change(() -> added[0] = deliveries.putIfAbsent(delivery.id(), delivery) == null, () -> {
            if (added[0]) {
                deliveries.remove(delivery.id());
            }
        });
        return added[0];
    }

    @Override
    public List<StoredDelivery> claimDue(String claimant, Instant now, Instant claimUntil, int limit) {
        return tx.write(() -> {
            List<StoredDelivery> due = deliveries.values().stream()
                    .filter(d -> d.state() == DeliveryState.PENDING && !d.nextAttemptAt().isAfter(now)
                            && (d.claimExpiresAt() == null || !d.claimExpiresAt().isAfter(now)))
                    .sorted(OLDEST_DUE_FIRST).limit(limit).toList();
            List<StoredDelivery> claimed = new ArrayList<>();
            for (StoredDelivery d : due) {
                StoredDelivery c = new StoredDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.resellerId(),
                        d.payload(), d.state(), d.attempts(), d.nextAttemptAt(), claimant, claimUntil, d.createdAt(),
                        d.lastAttemptAt(), d.lastStatus(), d.lastError());
                replace(d, c);
                claimed.add(c);
            }
            return claimed;
        });
    }

    @Override
    public boolean settle(String deliveryId, String claimant, Attempt a) {
        return tx.write(() -> {
            StoredDelivery d = deliveries.get(deliveryId);
            if (d == null || d.state() != DeliveryState.PENDING || !claimant.equals(d.claimedBy())) {
                return false;
            }
            replace(d, new StoredDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.resellerId(), d.payload(),
                    a.state(), a.attempts(), a.nextAttemptAt(), null, null, d.createdAt(), a.attemptedAt(), a.status(),
                    a.error()));
            return true;
        });
    }

    @Override
    public boolean requeue(String deliveryId, Instant now) {
        return tx.write(() -> {
            StoredDelivery d = deliveries.get(deliveryId);
            if (d == null || d.state() == DeliveryState.PENDING) {
                return false;
            }
            replace(d, new StoredDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.resellerId(), d.payload(),
                    DeliveryState.PENDING, 0, now, null, null, d.createdAt(), d.lastAttemptAt(), d.lastStatus(),
                    d.lastError()));
            return true;
        });
    }

    @Override
    public Optional<StoredDelivery> findDelivery(String deliveryId) {
        return tx.query(() -> Optional.ofNullable(deliveries.get(deliveryId)));
    }

    @Override
    public List<StoredDelivery> deliveries(DeliveryFilter f, StoredDelivery after, int limit) {
        return tx.query(() -> deliveries.values().stream()
                .filter(d -> f.endpointId() == null || f.endpointId().equals(d.endpointId()))
                .filter(d -> f.state() == null || f.state() == d.state())
                .filter(d -> f.eventId() == null || f.eventId().equals(d.eventId()))
                .filter(d -> after == null || NEWEST_FIRST.compare(d, after) > 0)
                .sorted(NEWEST_FIRST).limit(limit).toList());
    }

    private void replace(StoredDelivery before, StoredDelivery after) {
        tx.change(() -> deliveries.put(after.id(), after), () -> deliveries.put(before.id(), before));
    }
}
