package io.resellerkit.command;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A partial update of a reseller's details (vendor only). A null field stays as it is; a blank
 * name or email is refused, as in a create; an empty {@code phone} or {@code companyAddress}
 * clears it; {@code metadata} replaces the whole map.
 *
 * @param expectedVersion if not null, the update is refused with a conflict unless the stored
 *                        version equals it (optimistic concurrency, like an ETag)
 */
public record UpdateReseller(
        @PlainText @NullOrNotBlank @Size(max = Constraints.MAX_NAME) String name,
        @PlainText @NullOrNotBlank @Email @Size(max = Constraints.MAX_EMAIL) String email,
        @PlainText @Size(max = Constraints.MAX_PHONE) String phone,
        @PlainText @Size(max = Constraints.MAX_ADDRESS) String companyAddress,
        @ValidMetadata Map<String, String> metadata,
        Long expectedVersion) {

    /** An update that changes nothing yet. */
    public static UpdateReseller changes() {
        return new UpdateReseller(null, null, null, null, null, null);
    }

    /** Also changes {@code name}; null leaves it as it is. */
    public UpdateReseller withName(String name) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }

    /** Also changes {@code email}; null leaves it as it is. */
    public UpdateReseller withEmail(String email) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }

    /** Also changes {@code phone}; null leaves it as it is. */
    public UpdateReseller withPhone(String phone) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }

    /** Also changes {@code companyAddress}; null leaves it as it is. */
    public UpdateReseller withCompanyAddress(String companyAddress) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }

    /** Replaces the whole metadata map; null leaves it as it is. */
    public UpdateReseller withMetadata(Map<String, String> metadata) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }

    /** Refused with a stale-version conflict unless the stored version is {@code expectedVersion}. */
    public UpdateReseller ifVersion(long expectedVersion) {
        return new UpdateReseller(name, email, phone, companyAddress, metadata, expectedVersion);
    }
}
