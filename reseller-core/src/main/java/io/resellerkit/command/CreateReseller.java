package io.resellerkit.command;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Creates a reseller (vendor only).
 *
 * @param phone                optional
 * @param companyAddress       optional
 * @param allowedUsers         cap on its customer users, {@code -1} for unlimited
 * @param allowedOrganizations cap on its organizations, {@code -1} for unlimited
 * @param metadata             optional
 */
public record CreateReseller(
        @PlainText @NotBlank @Size(max = Constraints.MAX_NAME) String name,
        @PlainText @NotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @PlainText @Size(max = Constraints.MAX_PHONE) String phone,
        @PlainText @Size(max = Constraints.MAX_ADDRESS) String companyAddress,
        @Min(-1) int allowedUsers,
        @Min(-1) int allowedOrganizations,
        @ValidMetadata Map<String, String> metadata) {

    /** A reseller with a name, an email and its quotas; no phone, address or metadata. */
    public static CreateReseller of(String name, String email, int allowedUsers, int allowedOrganizations) {
        return new CreateReseller(name, email, null, null, allowedUsers, allowedOrganizations, null);
    }
}
