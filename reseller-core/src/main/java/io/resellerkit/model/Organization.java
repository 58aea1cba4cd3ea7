package io.resellerkit.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A customer company, usually of one reseller. Immutable.
 *
 * @param address      optional, may be null
 * @param allowedUsers cap on its live users, {@code -1} for unlimited
 * @param resellerId   the reseller it belongs to, or null for the vendor's direct customers
 */
public record Organization(
        OrganizationId id,
        String name,
        String email,
        String address,
        int allowedUsers,
        ResellerId resellerId,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt) implements Entity<OrganizationId> {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        metadata = Fields.metadata(metadata);
        Fields.requireTimes(createdAt, updatedAt);
    }

    /** This organization with new details, next version. */
    public Organization withDetails(String name, String email, String address, int allowedUsers,
                                    Map<String, String> metadata, Instant now) {
        return new Organization(id, name, email, address, allowedUsers, resellerId, metadata,
                version + 1, createdAt, now);
    }

    /** This organization moved to another reseller, next version. */
    public Organization transferredTo(ResellerId reseller, Instant now) {
        return new Organization(id, name, email, address, allowedUsers, reseller, metadata, version + 1, createdAt, now);
    }

    @Override
    public Map<String, String> auditFields() {
        Map<String, String> f = Fields.audit();
        f.put("name", name);
        f.put("email", email);
        f.put("address", address);
        f.put("allowedUsers", Fields.text(allowedUsers));
        f.put("resellerId", Fields.text(resellerId));
        return Fields.withMetadata(f, metadata);
    }
}
