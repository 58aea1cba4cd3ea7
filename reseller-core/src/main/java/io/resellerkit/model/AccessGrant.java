package io.resellerkit.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Time-bound delegated access (as Microsoft's GDAP): the grantee may do the granted operations on
 * the one organization from {@code validFrom} (included) until {@code validUntil} (excluded),
 * unless revoked. Whether it works is decided at the moment of every permission check, by
 * {@link #statusAt}; nothing runs when it ends. Immutable.
 *
 * @param id             the grant's id, as the audit trail names it (every event written under it
 *                       carries it in {@link AuditEvent#accessGrantId()})
 * @param organizationId the organization it opens
 * @param granteeId      the user it lends the permissions to
 * @param permissions    what it lends, never empty
 * @param validFrom      when it starts working
 * @param validUntil     when it stops working
 * @param revokedAt      when it was revoked, or null
 * @param grantedBy      the user who granted it
 * @param createdAt      when it was granted
 */
public record AccessGrant(String id, OrganizationId organizationId, UserId granteeId, Set<AccessPermission> permissions,
                          Instant validFrom, Instant validUntil, Instant revokedAt, UserId grantedBy, Instant createdAt) {

    /** Where a grant stands at a moment. */
    public enum Status {
        /** Not yet valid. */
        PENDING,
        /** Working. */
        ACTIVE,
        /** Its period ended. */
        EXPIRED,
        /** Revoked before its period ended. */
        REVOKED
    }

    public AccessGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(granteeId, "granteeId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (permissions == null || permissions.isEmpty()) {
            throw new IllegalArgumentException("an access grant lends at least one permission");
        }
        permissions = Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** Its status at {@code now}: revoked wins, then the period decides. */
    public Status statusAt(Instant now) {
        if (revokedAt != null && !now.isBefore(revokedAt)) {
            return Status.REVOKED;
        }
        if (now.isBefore(validFrom)) {
            return Status.PENDING;
        }
        return now.isBefore(validUntil) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** True if it lends {@code permission} on {@code organization} at {@code now}. */
    public boolean allows(OrganizationId organization, AccessPermission permission, Instant now) {
        return organizationId.equals(organization) && permissions.contains(permission)
                && statusAt(now) == Status.ACTIVE;
    }

    /** This grant revoked at {@code at}. */
    public AccessGrant revoked(Instant at) {
        return new AccessGrant(id, organizationId, granteeId, permissions, validFrom, validUntil, at, grantedBy,
                createdAt);
    }

    /** The permissions' codes, sorted, comma-separated: how storage and the audit trail show them. */
    public String permissionCodes() {
        return permissions.stream().map(AccessPermission::code).sorted().collect(Collectors.joining(","));
    }

    /** Its fields as the audit trail shows them. */
    public Map<String, String> auditFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("organizationId", organizationId.value());
        f.put("granteeId", granteeId.value());
        f.put("permissions", permissionCodes());
        f.put("validFrom", validFrom.toString());
        f.put("validUntil", validUntil.toString());
        f.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
        f.put("grantedBy", grantedBy.value());
        return f;
    }
}
