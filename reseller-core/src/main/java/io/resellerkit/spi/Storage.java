package io.resellerkit.spi;

import io.resellerkit.model.UserId;
import java.util.Optional;

/**
 * Everything an adapter provides: one store per aggregate, the audit trail, counters, idempotency
 * keys, transfer tokens, access grants, the unit of work, and
 * the audit trail's consumers' checkpoints and leases.
 */
public interface Storage {
    ResellerStore resellers();

    UserStore users();

    OrganizationStore organizations();

    LicenseStore licenses();

    AuditTrail auditTrail();

    UsageCounters usageCounters();

    /** The idempotency keys of writes. */
    IdempotencyKeys idempotencyKeys();

    /** The tokens that allow an organization's transfer to another reseller. */
    TransferTokens transferTokens();

    /** The time-bound access grants to organizations. */
    AccessGrants accessGrants();

    UnitOfWork unitOfWork();

    /**
     * The user with this id and its reseller, read once per call to resolve its actor. By default
     * two lookups; an adapter whose lookups cost a round trip each may read both at once.
     */
    default Optional<UserAndReseller> findUserAndReseller(UserId id) {
        return users().findById(id).map(u -> new UserAndReseller(u,
                u.resellerId() == null ? null : resellers().findById(u.resellerId()).orElse(null)));
    }

    /**
     * Each audit-trail consumer's position in each chain; needed only for listeners
     * ({@code io.resellerkit.tail}).
     *
     * @throws UnsupportedOperationException by default: an adapter that keeps none
     */
    default TailCheckpoints tailCheckpoints() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tail checkpoints: listeners need them");
    }

    /**
     * Named leases, for jobs that one node of many does at a time; needed only for listeners.
     *
     * @throws UnsupportedOperationException by default: an adapter that keeps none
     */
    default Leases leases() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no leases: listeners need them");
    }

    /**
     * Webhook endpoints and their deliveries; needed only for webhooks ({@code io.resellerkit.webhook}).
     *
     * @throws UnsupportedOperationException by default: an adapter that keeps none
     */
    default WebhookStore webhooks() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no webhooks");
    }
}
