package io.resellerkit.spi;

import io.resellerkit.model.ResellerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook endpoints and their deliveries (an outbox): one row per event and matching endpoint,
 * written by the webhook listener and worked off by senders on any node. A sender claims a due
 * delivery with a conditional update that sets a claim expiry, so a node that dies mid-delivery
 * leaves a claim that another node retakes once it expires: no advisory locks, so it works on
 * databases that have none. Every method runs inside the caller's unit of work (or one of its own).
 * The store decides nothing: matching, backoff and dead-lettering live in
 * {@code io.resellerkit.webhook}.
 */
public interface WebhookStore {

    /** Stores a new endpoint. @throws io.resellerkit.error.ConflictException of kind DUPLICATE if its id is taken */
    void insertEndpoint(Endpoint endpoint);

    /** The endpoint with this id. */
    Optional<Endpoint> findEndpoint(String id);

    /** Every endpoint, in id order. */
    List<Endpoint> endpoints();

    /** Deletes the endpoint (its deliveries stay in the log); false if there was none. */
    boolean deleteEndpoint(String id);

    /**
     * Stores a new pending delivery, unless one with its id exists (an event handed over twice).
     *
     * @return false, writing nothing, if the id is taken
     */
    boolean enqueue(StoredDelivery delivery);

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now} (next attempt at or before
     * it) that nobody claims, or whose claim expired at or before {@code now}: marks each claimed
     * by {@code claimant} until {@code claimUntil} with a conditional update, so of two concurrent
     * claimers exactly one gets each. Oldest due first.
     *
     * @return the deliveries this call claimed, as claimed
     */
    List<StoredDelivery> claimDue(String claimant, Instant now, Instant claimUntil, int limit);

    /**
     * Records the outcome of an attempt, if {@code claimant} still holds the claim: sets the state,
     * attempts, next attempt time and last outcome, and clears the claim.
     *
     * @return false, writing nothing, if the delivery is not pending or someone else claims it
     */
    boolean settle(String deliveryId, String claimant, Attempt outcome);

    /**
     * Puts a delivered or dead delivery back in line, same id and body, due at {@code now}, with
     * its attempts counted from zero.
     *
     * @return false, writing nothing, if it does not exist or is still pending
     */
    boolean requeue(String deliveryId, Instant now);

    /** The delivery with this id. */
    Optional<StoredDelivery> findDelivery(String deliveryId);

    /**
     * Up to {@code limit} deliveries matching the filter, newest first (by creation time, then
     * id descending), after {@code after} (null for the first page).
     */
    List<StoredDelivery> deliveries(DeliveryFilter filter, StoredDelivery after, int limit);

    /**
     * An endpoint.
     *
     * @param id         its id
     * @param url        where deliveries are posted: an http or https URL
     * @param secret     the signing key, as handed to its owner once
     * @param eventTypes the audit action codes it receives ({@code user.created}...); empty for all
     * @param resellerId only this reseller's events; null for every event (the vendor's endpoints)
     * @param createdAt  when it was registered
     */
    record Endpoint(String id, String url, String secret, Set<String> eventTypes, ResellerId resellerId,
                    Instant createdAt) {
        public Endpoint {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(createdAt, "createdAt");
            eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        }

        /** Whether an event of this type concerning this reseller (null: none) goes to this endpoint. */
        public boolean wants(String eventType, ResellerId eventReseller) {
            return (eventTypes.isEmpty() || eventTypes.contains(eventType))
                    && (resellerId == null || resellerId.equals(eventReseller));
        }
    }

    /** Where a delivery stands. */
    enum DeliveryState {
        /** Waiting for its next attempt, or being attempted (claimed). */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Failed as often as allowed, or its endpoint is gone: no more attempts unless replayed. */
        DEAD;

        /** Its code in storage: {@code pending}, {@code delivered}, {@code dead}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The state with this code. */
        public static DeliveryState of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One delivery of one event to one endpoint.
     *
     * @param id             the delivery id: the same on every attempt and replay
     * @param endpointId     the endpoint
     * @param eventId        the audit event's id
     * @param eventType      its action code
     * @param resellerId     the reseller it concerns, or null
     * @param payload        the JSON body, fixed when the delivery was created
     * @param state          where it stands
     * @param attempts       failed or successful attempts so far (since the last replay)
     * @param nextAttemptAt  when a pending delivery is due
     * @param claimedBy      the sender that claims it, or null
     * @param claimExpiresAt when that claim lapses, or null
     * @param createdAt      when it was created
     * @param lastAttemptAt  when it was last attempted, or null
     * @param lastStatus     the HTTP status of the last attempt, 0 if none came back
     * @param lastError      what went wrong last, or null
     */
    record StoredDelivery(String id, String endpointId, String eventId, String eventType, ResellerId resellerId,
                          String payload, DeliveryState state, int attempts, Instant nextAttemptAt, String claimedBy,
                          Instant claimExpiresAt, Instant createdAt, Instant lastAttemptAt, int lastStatus,
                          String lastError) {
        public StoredDelivery {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** A new pending delivery, due at {@code createdAt}. */
        public static StoredDelivery pending(String id, String endpointId, String eventId, String eventType,
                                             ResellerId resellerId, String payload, Instant createdAt) {
            return new StoredDelivery(id, endpointId, eventId, eventType, resellerId, payload, DeliveryState.PENDING,
                    0, createdAt, null, null, createdAt, null, 0, null);
        }
    }

    /**
     * The outcome of one attempt, to {@link #settle}.
     *
     * @param state         the delivery's new state
     * @param attempts      its attempts now
     * @param nextAttemptAt when it is due again (for a pending one); otherwise the attempt's time
     * @param attemptedAt   when the attempt was made
     * @param status        the HTTP status, 0 if none came back
     * @param error         what went wrong (up to 500 characters), or null
     */
    record Attempt(DeliveryState state, int attempts, Instant nextAttemptAt, Instant attemptedAt, int status,
                   String error) {
        public Attempt {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            Objects.requireNonNull(attemptedAt, "attemptedAt");
            if (error != null && error.length() > 500) {
                error = error.substring(0, 500);
            }
        }
    }

    /**
     * Which deliveries to list; a null field matches any.
     *
     * @param endpointId only this endpoint's
     * @param state      only in this state
     * @param eventId    only of this audit event
     */
    record DeliveryFilter(String endpointId, DeliveryState state, String eventId) {
        /** Every delivery. */
        public static DeliveryFilter all() {
            return new DeliveryFilter(null, null, null);
        }
    }
}
