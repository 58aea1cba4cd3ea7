package io.resellerkit.command;

import io.resellerkit.model.ResellerId;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * Creates a license (vendor only), optionally allocated to a reseller at once.
 *
 * @param key                the license key; null to have one generated
 * @param allowedActivations {@code -1} for unlimited
 * @param expiresAt          null for a perpetual license; stored to the microsecond (finer digits
 *                           are dropped), from {@link Constraints#EARLIEST_TIME} to
 *                           {@link Constraints#LATEST_TIME}
 * @param resellerId         the reseller to allocate it to, or null
 * @param metadata           optional
 */
public record CreateLicense(
        @PlainText @Size(min = 1, max = Constraints.MAX_KEY) String key,
        @PlainText @NotBlank @Size(max = Constraints.MAX_KEY) String productId,
        @Min(-1) int allowedActivations,
        @StorableTime Instant expiresAt,
        ResellerId resellerId,
        @ValidMetadata Map<String, String> metadata) {

    /** A license of a product with a generated key, allocated to a reseller (or to none). */
    public static CreateLicense of(String productId, int allowedActivations, Instant expiresAt, ResellerId resellerId) {
        return new CreateLicense(null, productId, allowedActivations, expiresAt, resellerId, null);
    }
}
