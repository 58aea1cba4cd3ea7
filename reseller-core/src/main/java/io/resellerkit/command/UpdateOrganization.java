package io.resellerkit.command;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A partial update of an organization. A null field stays as it is; a blank name or email is
 * refused, as in a create; an empty {@code address} clears it; {@code metadata} replaces the
 * whole map.
 *
 * @param expectedVersion if not null, refused with a conflict unless the stored version equals it
 */
public record UpdateOrganization(
        @PlainText @NullOrNotBlank @Size(max = Constraints.MAX_NAME) String name,
        @PlainText @NullOrNotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @PlainText @Size(max = Constraints.MAX_ADDRESS) String address,
        @Min(-1) Integer allowedUsers,
        @ValidMetadata Map<String, String> metadata,
        Long expectedVersion) {

    /** An update that changes nothing yet. */
    public static UpdateOrganization changes() {
        return new UpdateOrganization(null, null, null, null, null, null);
    }

    /** Also changes {@code name}; null leaves it as it is. */
    public UpdateOrganization withName(String name) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }

    /** Also changes {@code email}; null leaves it as it is. */
    public UpdateOrganization withEmail(String email) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }

    /** Also changes {@code address}; null leaves it as it is. */
    public UpdateOrganization withAddress(String address) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }

    /** Also changes {@code allowedUsers}; null leaves it as it is. */
    public UpdateOrganization withAllowedUsers(int allowedUsers) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }

    /** Replaces the whole metadata map; null leaves it as it is. */
    public UpdateOrganization withMetadata(Map<String, String> metadata) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }

    /** Refused with a stale-version conflict unless the stored version is {@code expectedVersion}. */
    public UpdateOrganization ifVersion(long expectedVersion) {
        return new UpdateOrganization(name, email, address, allowedUsers, metadata, expectedVersion);
    }
}
