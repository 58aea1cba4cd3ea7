package io.resellerkit.command;

import io.resellerkit.model.ResellerId;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Creates an organization.
 *
 * @param address      optional
 * @param allowedUsers cap on its users, {@code -1} for unlimited
 * @param resellerId   the reseller it belongs to, or null for a vendor's direct customer
 * @param metadata     optional
 */
public record CreateOrganization(
        @PlainText @NotBlank @Size(max = Constraints.MAX_NAME) String name,
        @PlainText @NotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @PlainText @Size(max = Constraints.MAX_ADDRESS) String address,
        @Min(-1) int allowedUsers,
        ResellerId resellerId,
        @ValidMetadata Map<String, String> metadata) {

    /** An organization of a reseller, with no address or metadata. */
    public static CreateOrganization of(String name, String email, int allowedUsers, ResellerId resellerId) {
        return new CreateOrganization(name, email, null, allowedUsers, resellerId, null);
    }
}
