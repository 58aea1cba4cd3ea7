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
 * @param status               as set by the vendor; see {@link #standingAt} for the one that counts
 * @param contractEndsAt       when its contract ends, or null; from then on it counts as suspended
 * @param parentId             the reseller it sells under (a distributor, say), or null for one that
 *                             sells for the vendor directly; fixed at creation
 * @param allowedLicenses      cap on the licenses it may issue itself: {@code 0} (the default) lets
 *                             it issue none, {@code -1} any number; set by the vendor. Per reseller:
 *                             not carved from a parent's, unlike the user and organization caps
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
        Instant contractEndsAt,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt,
        ResellerId parentId,
        int allowedLicenses) implements Entity<ResellerId> {

    public Reseller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        metadata = Fields.metadata(metadata);
        Fields.requireTimes(createdAt, updatedAt);
    }

    /** A reseller that may not issue licenses itself ({@code allowedLicenses} 0). */
    public Reseller(ResellerId id, String name, String email, String phone, String companyAddress, int allowedUsers,
                    int allowedOrganizations, ResellerStatus status, Instant contractEndsAt, Map<String, String> metadata,
                    long version, Instant createdAt, Instant updatedAt, ResellerId parentId) {
        this(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations, status, contractEndsAt,
                metadata, version, createdAt, updatedAt, parentId, 0);
    }

    /** A reseller without a parent: it sells for the vendor directly. */
    public Reseller(ResellerId id, String name, String email, String phone, String companyAddress, int allowedUsers,
                    int allowedOrganizations, ResellerStatus status, Instant contractEndsAt, Map<String, String> metadata,
                    long version, Instant createdAt, Instant updatedAt) {
        this(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations, status, contractEndsAt,
                metadata, version, createdAt, updatedAt, null);
    }

    /**
     * The status that counts at {@code now}: the one set, except that an active reseller whose
     * contract has ended counts as suspended. Decided at each check, so no scheduler is needed.
     */
    public ResellerStatus standingAt(Instant now) {
        if (status == ResellerStatus.ACTIVE && contractEndsAt != null && !now.isBefore(contractEndsAt)) {
            return ResellerStatus.SUSPENDED;
        }
        return status;
    }

    /** This reseller with new details, next version. */
    public Reseller withDetails(String name, String email, String phone, String companyAddress,
                                Map<String, String> metadata, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, contractEndsAt, metadata, version + 1, createdAt, now, parentId, allowedLicenses);
    }

    /** This reseller with new user and organization quotas, next version. */
    public Reseller withQuotas(int allowedUsers, int allowedOrganizations, Instant now) {
        return withQuotas(allowedUsers, allowedOrganizations, allowedLicenses, now);
    }

    /** This reseller with new quotas, next version. */
    public Reseller withQuotas(int allowedUsers, int allowedOrganizations, int allowedLicenses, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, contractEndsAt, metadata, version + 1, createdAt, now, parentId, allowedLicenses);
    }

    /** This reseller with another contract end (null: none), next version. */
    public Reseller withContractEndsAt(Instant contractEndsAt, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, contractEndsAt, metadata, version + 1, createdAt, now, parentId, allowedLicenses);
    }

    /** This reseller with a new status, next version. */
    public Reseller withStatus(ResellerStatus status, Instant now) {
        return new Reseller(id, name, email, phone, companyAddress, allowedUsers, allowedOrganizations,
                status, contractEndsAt, metadata, version + 1, createdAt, now, parentId, allowedLicenses);
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
        f.put("contractEndsAt", contractEndsAt == null ? null : contractEndsAt.toString());
        if (parentId != null) {
            f.put("parentId", parentId.value());
        }
        // Shown once the vendor has set it, so that events of resellers that never issue stay as they were.
        if (allowedLicenses != 0) {
            f.put("allowedLicenses", Fields.text(allowedLicenses));
        }
        return Fields.withMetadata(f, metadata);
    }
}
