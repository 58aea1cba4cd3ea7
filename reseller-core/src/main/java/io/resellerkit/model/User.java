package io.resellerkit.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person who acts through ResellerKit or is managed by it. Immutable.
 *
 * @param email          lower-case; unique across the account
 * @param resellerId     the reseller it belongs to (staff or customer), or null
 * @param organizationId the organization it belongs to, or null; its reseller is then the
 *                       organization's reseller
 */
public record User(
        UserId id,
        String firstName,
        String lastName,
        String email,
        Role role,
        ResellerId resellerId,
        OrganizationId organizationId,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt) implements Entity<UserId> {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        metadata = Fields.metadata(metadata);
        Fields.requireTimes(createdAt, updatedAt);
    }

    /** This user with new details, next version. */
    public User withDetails(String firstName, String lastName, String email, Role role,
                            Map<String, String> metadata, Instant now) {
        return new User(id, firstName, lastName, email, role, resellerId, organizationId, metadata,
                version + 1, createdAt, now);
    }

    /** This user moved, with its organization, to another reseller, next version. */
    public User transferredTo(ResellerId reseller, Instant now) {
        return new User(id, firstName, lastName, email, role, reseller, organizationId, metadata, version + 1,
                createdAt, now);
    }

    @Override
    public Map<String, String> auditFields() {
        Map<String, String> f = Fields.audit();
        f.put("firstName", firstName);
        f.put("lastName", lastName);
        f.put("email", email);
        f.put("role", role.code());
        f.put("resellerId", Fields.text(resellerId));
        f.put("organizationId", Fields.text(organizationId));
        return Fields.withMetadata(f, metadata);
    }
}
