package io.resellerkit.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A license the vendor created, allocated to a reseller and assigned to at most one user or
 * organization of that reseller. Immutable.
 *
 * @param key                  unique across the account
 * @param allowedActivations   {@code -1} for unlimited
 * @param expiresAt            null for a perpetual license
 * @param resellerId           the reseller it is allocated to, or null
 * @param assignedUser         the user it is assigned to, or null
 * @param assignedOrganization the organization it is assigned to, or null; never both
 * @param issuedBy             the reseller that issued it within its license quota, or null if the
 *                             vendor created it; fixed at creation, kept through allocations and transfers
 */
public record License(
        LicenseId id,
        String key,
        String productId,
        int allowedActivations,
        Instant expiresAt,
        boolean suspended,
        boolean revoked,
        ResellerId resellerId,
        UserId assignedUser,
        OrganizationId assignedOrganization,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt,
        ResellerId issuedBy) implements Entity<LicenseId> {

    public License {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(productId, "productId");
        if (assignedUser != null && assignedOrganization != null) {
            throw new IllegalArgumentException("a license has at most one assignee");
        }
        metadata = Fields.metadata(metadata);
        Fields.requireTimes(createdAt, updatedAt);
    }

    /** A license the vendor created ({@code issuedBy} null). */
    public License(LicenseId id, String key, String productId, int allowedActivations, Instant expiresAt,
                   boolean suspended, boolean revoked, ResellerId resellerId, UserId assignedUser,
                   OrganizationId assignedOrganization, Map<String, String> metadata, long version, Instant createdAt,
                   Instant updatedAt) {
        this(id, key, productId, allowedActivations, expiresAt, suspended, revoked, resellerId, assignedUser,
                assignedOrganization, metadata, version, createdAt, updatedAt, null);
    }

    /** True if it is assigned to a user or an organization. */
    public boolean isAssigned() {
        return assignedUser != null || assignedOrganization != null;
    }

    /** This license allocated to another reseller (or to none), next version. */
    public License allocatedTo(ResellerId reseller, Instant now) {
        return new License(id, key, productId, allowedActivations, expiresAt, suspended, revoked, reseller,
                null, null, metadata, version + 1, createdAt, now, issuedBy);
    }

    /** This license moved, with its assignee, to another reseller, next version; it stays assigned. */
    public License transferredTo(ResellerId reseller, Instant now) {
        return new License(id, key, productId, allowedActivations, expiresAt, suspended, revoked, reseller,
                assignedUser, assignedOrganization, metadata, version + 1, createdAt, now, issuedBy);
    }

    /** This license assigned to a user or an organization (exactly one non-null), next version. */
    public License assignedTo(UserId user, OrganizationId organization, Instant now) {
        return new License(id, key, productId, allowedActivations, expiresAt, suspended, revoked, resellerId,
                user, organization, metadata, version + 1, createdAt, now, issuedBy);
    }

    /** This license with its suspended flag set, next version. */
    public License withSuspended(boolean suspended, Instant now) {
        return new License(id, key, productId, allowedActivations, expiresAt, suspended, revoked, resellerId,
                assignedUser, assignedOrganization, metadata, version + 1, createdAt, now, issuedBy);
    }

    /** This license revoked for good, next version. */
    public License revokedAt(Instant now) {
        return new License(id, key, productId, allowedActivations, expiresAt, suspended, true, resellerId,
                assignedUser, assignedOrganization, metadata, version + 1, createdAt, now, issuedBy);
    }

    @Override
    public Map<String, String> auditFields() {
        Map<String, String> f = Fields.audit();
        f.put("key", key);
        f.put("productId", productId);
        f.put("allowedActivations", Fields.text(allowedActivations));
        f.put("expiresAt", Fields.text(expiresAt));
        f.put("suspended", Fields.text(suspended));
        f.put("revoked", Fields.text(revoked));
        f.put("resellerId", Fields.text(resellerId));
        f.put("assignedUser", Fields.text(assignedUser));
        f.put("assignedOrganization", Fields.text(assignedOrganization));
        if (issuedBy != null) {
            f.put("issuedBy", issuedBy.value());
        }
        return Fields.withMetadata(f, metadata);
    }
}
