package io.resellerkit.command;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.resellerkit.model.ResellerId;
import java.time.Instant;
import java.util.Map;

/**
 * Creates a reseller (vendor only).
 *
 * @param phone                optional
 * @param companyAddress       optional
 * @param allowedUsers         cap on its customer users, {@code -1} for unlimited
 * @param allowedOrganizations cap on its organizations, {@code -1} for unlimited
 * @param metadata             optional
 * @param startsInvited        true to start as {@code invited} (its admins change nothing until the
 *                             vendor activates it), false to start {@code active}
 * @param contractEndsAt       optional; from then on the reseller counts as suspended
 * @param parentId             optional: the reseller it sells under; its caps are carved out of that
 *                             reseller's. Null: it sells for the vendor directly (only the vendor creates those)
 */
public record CreateReseller(
        @PlainText @NotBlank @Size(max = Constraints.MAX_NAME) String name,
        @PlainText @NotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @PlainText @Size(max = Constraints.MAX_PHONE) String phone,
        @PlainText @Size(max = Constraints.MAX_ADDRESS) String companyAddress,
        @Min(-1) int allowedUsers,
        @Min(-1) int allowedOrganizations,
        @ValidMetadata Map<String, String> metadata,
        boolean startsInvited,
        @StorableTime Instant contractEndsAt,
        ResellerId parentId) {

    /** A reseller without a parent. */
    public CreateReseller(String name, String email, String phone, String companyAddress, int allowedUsers,
                          int allowedOrganizations, Map<String, String> metadata, boolean startsInvited,
                          Instant contractEndsAt) {
        this(name, email, phone, companyAddress, allowedUsers, allowedOrganizations, metadata, startsInvited,
                contractEndsAt, null);
    }

    /** An active reseller without a contract end. */
    public CreateReseller(String name, String email, String phone, String companyAddress, int allowedUsers,
                          int allowedOrganizations, Map<String, String> metadata) {
        this(name, email, phone, companyAddress, allowedUsers, allowedOrganizations, metadata, false, null);
    }

    /** A reseller with a name, an email and its quotas; no phone, address or metadata. */
    public static CreateReseller of(String name, String email, int allowedUsers, int allowedOrganizations) {
        return new CreateReseller(name, email, null, null, allowedUsers, allowedOrganizations, null);
    }

    /** Starts the reseller as {@code invited}: its admins change nothing until the vendor activates it. */
    public CreateReseller invited() {
        return new CreateReseller(name, email, phone, companyAddress, allowedUsers, allowedOrganizations, metadata,
                true, contractEndsAt, parentId);
    }

    /** Ends its contract at {@code contractEndsAt}, after which it counts as suspended; null: no end. */
    public CreateReseller withContractEndsAt(Instant contractEndsAt) {
        return new CreateReseller(name, email, phone, companyAddress, allowedUsers, allowedOrganizations, metadata,
                startsInvited, contractEndsAt, parentId);
    }

    /** Creates it under {@code parentId}, carving its caps out of that reseller's; null: directly under the vendor. */
    public CreateReseller under(ResellerId parentId) {
        return new CreateReseller(name, email, phone, companyAddress, allowedUsers, allowedOrganizations, metadata,
                startsInvited, contractEndsAt, parentId);
    }
}
