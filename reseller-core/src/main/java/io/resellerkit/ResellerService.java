package io.resellerkit;

import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import java.time.Instant;
import io.resellerkit.query.ResellerQuery;

/**
 * Manages resellers. Creating, changing and deleting them is the vendor's ({@code admin}); a
 * reseller admin does it for the resellers below its own (tiers: {@link CreateReseller#under}),
 * never for its own. A reseller's staff read their own reseller and every one below it.
 *
 * <p>Every method validates its input ({@link ValidationException}), checks the actor's
 * rights ({@link AccessDeniedException}, with an {@code access.denied} audit event), and
 * stores the change with its audit event in one unit of work.
 */
public interface ResellerService {
    /**
     * Creates a reseller with its quotas, optionally under a parent: its caps are then carved out
     * of the parent's (a capped child takes its whole cap from the parent's counter at once; an
     * uncapped one takes its slots from it one by one as it uses them).
     *
     * @throws QuotaExceededException if the parent has no room for the child's cap
     * @throws ConflictException of kind INVALID_STATE if the parent is terminated
     * @throws ValidationException if the child would stand deeper than the kit's tier limit
     */
    Reseller create(RequestContext context, CreateReseller command);

    /**
     * Reads a reseller.
     *
     * @throws NotFoundException if there is none with this id
     */
    Reseller get(RequestContext context, ResellerId id);

    /** Changes a reseller's details; fields left null stay as they are. */
    Reseller update(RequestContext context, ResellerId id, UpdateReseller command);

    /**
     * Changes a reseller's quotas. A cap lowered below today's use deletes nothing; it refuses
     * further creates until use drops below it. In a tree (the reseller has a parent or children)
     * a cap may not go below what its tier holds ({@link Usage}); a child's cap grows only as far as
     * its parent has room.
     *
     * @throws QuotaExceededException if the parent has no room for the growth
     * @throws ConflictException of kind IN_USE if, in a tree, the cap would go below what the tier holds
     */
    Reseller changeQuotas(RequestContext context, ResellerId id, ChangeQuotas command);

    /**
     * Suspends a reseller: its admins keep read access only; its customers keep working.
     *
     * @throws ConflictException of kind INVALID_STATE if it is terminated
     */
    Reseller suspend(RequestContext context, ResellerId id);

    /**
     * Makes a suspended or invited reseller active: lifts a suspension, or activates an invitation.
     *
     * @throws ConflictException of kind INVALID_STATE if it is terminated
     */
    Reseller reactivate(RequestContext context, ResellerId id);

    /**
     * Ends the partnership for good: the reseller's admins lose all access (reads too), its
     * customers keep working, its data stays. There is no way back.
     */
    Reseller terminate(RequestContext context, ResellerId id);

    /**
     * Sets when the reseller's contract ends; from that moment on it counts as suspended, decided
     * at each check. {@code contractEndsAt} null: the contract has no end.
     */
    Reseller changeContractEnd(RequestContext context, ResellerId id, Instant contractEndsAt);

    /**
     * Deletes a reseller that no longer has users, organizations, licenses or resellers below it;
     * what it had carved out of its parent goes back to the parent.
     *
     * @throws ConflictException of kind IN_USE while it still has any
     */
    void delete(RequestContext context, ResellerId id);

    /**
     * Deletes the reseller if its stored version is {@code expectedVersion}, as {@link #delete(RequestContext, ResellerId)}.
     *
     * @throws ConflictException of kind STALE_VERSION if the stored version differs
     */
    void delete(RequestContext context, ResellerId id, long expectedVersion);

    /** Lists resellers, oldest first; a reseller's staff see only their own and those below it. */
    Page<Reseller> list(RequestContext context, ResellerQuery query, PageRequest page);

    /**
     * How many customer users and organizations a reseller holds now, as its quotas count them:
     * its own, plus, for each child reseller, the child's cap or, if the child is uncapped, what
     * the child holds.
     */
    Usage usage(RequestContext context, ResellerId id);

    /**
     * A reseller's quotas and their use.
     *
     * @param allowedUsers         the cap, {@code -1} for unlimited
     * @param users                live customer users, plus what its children hold of its cap
     * @param allowedOrganizations the cap, {@code -1} for unlimited
     * @param organizations        live organizations, plus what its children hold of its cap
     * @param allowedLicenses      how many licenses it may issue itself: {@code 0} none (the default),
     *                             {@code -1} any number
     * @param licenses             the licenses it has issued itself (revoked ones included)
     */
    record Usage(long allowedUsers, long users, long allowedOrganizations, long organizations, long allowedLicenses,
                 long licenses) {
        /** The use of a reseller that issues no licenses itself. */
        public Usage(long allowedUsers, long users, long allowedOrganizations, long organizations) {
            this(allowedUsers, users, allowedOrganizations, organizations, 0, 0);
        }
    }
}
