package io.resellerkit.command;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Creates a user.
 *
 * @param email          unique across the account, compared without case; stored lower-case
 * @param role           its one role
 * @param resellerId     the reseller it belongs to, or null; may be left out when an
 *                       organization is given
 * @param organizationId the organization it belongs to, or null
 * @param metadata       optional
 */
public record CreateUser(
        @PlainText @NotBlank @Size(max = Constraints.MAX_PERSON_NAME) String firstName,
        @PlainText @NotBlank @Size(max = Constraints.MAX_PERSON_NAME) String lastName,
        @PlainText @NotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @NotNull Role role,
        ResellerId resellerId,
        OrganizationId organizationId,
        @ValidMetadata Map<String, String> metadata) {

    /** A user with a role and no reseller or organization yet; see the withers. */
    public static CreateUser of(String firstName, String lastName, String email, Role role) {
        return new CreateUser(firstName, lastName, email, role, null, null, null);
    }

    /** In this reseller (as its staff, or as a customer without an organization). */
    public CreateUser inReseller(ResellerId resellerId) {
        return new CreateUser(firstName, lastName, email, role, resellerId, organizationId, metadata);
    }

    /** In this organization, and so in its reseller. */
    public CreateUser inOrganization(OrganizationId organizationId) {
        return new CreateUser(firstName, lastName, email, role, resellerId, organizationId, metadata);
    }

    /** Also sets {@code metadata}. */
    public CreateUser withMetadata(Map<String, String> metadata) {
        return new CreateUser(firstName, lastName, email, role, resellerId, organizationId, metadata);
    }
}
