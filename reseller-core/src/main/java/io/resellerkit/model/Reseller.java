package io.resellerkit.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A sales partner of the vendor. Immutable: every change returns a new value with the next
 * version, so a stored copy can never be changed behind the store's back.
 *
 * @param phone                optional, may be null
 * @param companyAddress       optional, may be null
 * @param allowedUsers         cap on its live customer users, {@code -1} for unlimited
 * @param allowedOrganizations cap on its live organizations, {@code -1} for unlimited
 */
public record Reseller(
        ResellerId id,
        String name,
        String email,
        String phone,
        String companyAddress,
        int allowedUsers,
        int allowedOrganizations,
        ResellerStatus status,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt) implements Entity<ResellerId> {

    public Reseller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        metadata = Fields.metadata(metadata);
        Fields.requireTimes(createdAt, updatedAt);
    }

    /** True while its staff are locked out of changes. */
    public boolean isSuspended() {
        return status == ResellerStatus.SUSPENDED;
    }

    /** This reseller with new details, next version. */
    public Reseller withDetails(String name, String email, String phone, String companyAddress,
                                Map<String, String> metadata, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, metadata, version + 1, createdAt, now);
    }

    /** This reseller with new quotas, next version. */
    public Reseller withQuotas(int allowedUsers, int allowedOrganizations, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, metadata, version + 1, createdAt, now);
    }

    /** This reseller with a new status, next version. */
    public Reseller withStatus(ResellerStatus status, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, metadata, version + 1, createdAt, now);
    }

    @Override
    public Map<String, String> auditFields() {
        Map<String, String> f = Fields.audit();
        f.put("name", name);
        f.put("email", email);
        f.put("phone", phone);
        f.put("companyAddress", companyAddress);
        f.put("allowedUsers", Fields.text(allowedUsers));
        f.put("allowedOrganizations", Fields.text(allowedOrganizations));
        f.put("status", status.code());
        return Fields.withMetadata(f, metadata);
    }
}
