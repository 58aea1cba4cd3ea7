package io.resellerkit.command;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A partial update of a user. A null field stays as it is; a blank name or email is refused,
 * as in a create; {@code metadata} replaces the whole map. A user's reseller cannot change; it
 * may move to another organization of its reseller, its quota slot moving with it.
 *
 * @param role            the new role
 * @param organizationId  the organization of the same reseller to move the user to
 * @param expectedVersion if not null, refused with a conflict unless the stored version equals it
 */
public record UpdateUser(
        @PlainText @NullOrNotBlank @Size(max = Constraints.MAX_PERSON_NAME) String firstName,
        @PlainText @NullOrNotBlank @Size(max = Constraints.MAX_PERSON_NAME) String lastName,
        @PlainText @NullOrNotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        Role role,
        @ValidMetadata Map<String, String> metadata,
        OrganizationId organizationId,
        Long expectedVersion) {

    /** An update that changes nothing yet. */
    public static UpdateUser changes() {
        return new UpdateUser(null, null, null, null, null, null, null);
    }

    /** Also changes {@code firstName}; null leaves it as it is. */
    public UpdateUser withFirstName(String firstName) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /** Also changes {@code lastName}; null leaves it as it is. */
    public UpdateUser withLastName(String lastName) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /** Also changes {@code email}; null leaves it as it is. */
    public UpdateUser withEmail(String email) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /** Also changes {@code role}; null leaves it as it is. */
    public UpdateUser withRole(Role role) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /** Replaces the whole metadata map; null leaves it as it is. */
    public UpdateUser withMetadata(Map<String, String> metadata) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /**
     * Also moves the user to {@code organizationId}, which must belong to the user's reseller; the
     * actor needs the right to create a user there. Null leaves it where it is.
     */
    public UpdateUser movingTo(OrganizationId organizationId) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }

    /** Refused with a stale-version conflict unless the stored version is {@code expectedVersion}. */
    public UpdateUser ifVersion(long expectedVersion) {
        return new UpdateUser(firstName, lastName, email, role, metadata, organizationId, expectedVersion);
    }
}
