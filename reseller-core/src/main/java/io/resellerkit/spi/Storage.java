package io.resellerkit.spi;

/**
 * Everything an adapter provides: one store per aggregate, the audit trail, counters, idempotency
 * keys, transfer tokens, access grants and the unit of work.
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
}
