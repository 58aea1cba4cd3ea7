package io.resellerkit.spi;

import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Access grants: which user may do what on which organization, for which period. The core
 * decides everything (who may grant, whether a grant works now); the store keeps one row per
 * grant and finds them by grantee and by organization. Every method runs inside the caller's unit
 * of work. Nothing is ever deleted: a grant that ended stays, so that its events can be explained.
 */
public interface AccessGrants {

    /**
     * Stores a new grant.
     *
     * @throws io.resellerkit.error.ConflictException of kind DUPLICATE if its id is taken
     */
    void insert(AccessGrant grant);

    /** The grant with this id. */
    Optional<AccessGrant> findById(String id);

    /** Every grant lent to the user, in any status, oldest first (by creation time, then id). */
    List<AccessGrant> findByGrantee(UserId grantee);

    /** Every grant on the organization, in any status, oldest first (by creation time, then id). */
    List<AccessGrant> findByOrganization(OrganizationId organization);

    /**
     * Marks the grant revoked at {@code at} if it is not revoked yet, in one atomic step.
     *
     * @return true if this call revoked it; false if it was revoked already or does not exist
     */
    boolean revoke(String id, Instant at);
}
