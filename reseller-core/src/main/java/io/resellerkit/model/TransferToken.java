package io.resellerkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer token as its issuer receives it: the secret, shown this once (only its SHA-256 hash is
 * stored), which lets the receiving reseller's admin move the organization to its reseller once,
 * until {@code expiresAt}.
 *
 * @param id             the token's id, as the audit trail names it
 * @param secret         the secret to hand to the receiving reseller
 * @param organizationId the organization it moves
 * @param toResellerId   the reseller that may receive it
 * @param expiresAt      when it stops working
 */
public record TransferToken(String id, String secret, OrganizationId organizationId, ResellerId toResellerId,
                            Instant expiresAt) {

    public TransferToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(toResellerId, "toResellerId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The secret is left out, so that a token logged by accident does not leak it. */
    @Override
    public String toString() {
        return "TransferToken[id=" + id + ", organizationId=" + organizationId + ", toResellerId=" + toResellerId
                + ", expiresAt=" + expiresAt + "]";
    }
}
