package io.resellerkit.spi;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Transfer tokens: who may move which organization to which reseller, until when, once. The core
 * decides everything (who may issue, whether a token fits the transfer, whether it expired); the
 * store keeps one row per token, found by the SHA-256 hash of its secret (the secret itself is
 * never stored), and makes the redemption one atomic step, so that of two concurrent redemptions
 * exactly one succeeds. Every method runs inside the caller's unit of work.
 */
public interface TransferTokens {

    /**
     * A token as stored.
     *
     * @param id             the token's id
     * @param secretHash     the SHA-256 hash of the secret, 64 lower-case hex characters; unique
     * @param organizationId the organization it moves
     * @param toResellerId   the reseller that may receive it
     * @param issuedBy       the user who issued it
     * @param expiresAt      when it stops working, to the microsecond
     * @param redeemedAt     when it was used, or null while unused
     */
    record StoredToken(String id, String secretHash, OrganizationId organizationId, ResellerId toResellerId,
                       UserId issuedBy, Instant expiresAt, Instant redeemedAt) {
    }

    /**
     * Stores a new, unused token.
     *
     * @throws io.resellerkit.error.ConflictException of kind DUPLICATE if its id or hash is taken
     */
    void insert(StoredToken token);

    /** The token whose secret has this hash, used or not. */
    Optional<StoredToken> findByHash(String secretHash);

    /**
     * Marks the token used at {@code at}, if it is still unused, in one atomic step (a conditional
     * update): if another open unit redeemed it, waits for that unit to end.
     *
     * @return true if this call redeemed it; false if it was used already or does not exist
     */
    boolean redeem(String secretHash, Instant at);

    /**
     * Marks every unused token of the organization used at {@code at}: a transfer voids the
     * tokens issued where the organization was.
     *
     * @return how many it marked
     */
    int voidOpen(OrganizationId organizationId, Instant at);
}
