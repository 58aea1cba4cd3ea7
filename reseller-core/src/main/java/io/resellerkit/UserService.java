package io.resellerkit;

import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.UserQuery;

/**
 * Manages users. The vendor manages everyone; a reseller admin manages the staff below it, the
 * organization admins and users of its own reseller; its sales staff create organization admins
 * and users there; an organization admin manages the users of its own organization; a user
 * reads itself. Nobody grants a role ranked at or above its own, except the vendor.
 *
 * <p>Where a user belongs follows from its role: an {@code admin} belongs to no reseller; a
 * reseller's staff ({@code reseller-admin}, {@code reseller-sales}, {@code reseller-support},
 * {@code reseller-read-only}) belong to a reseller and no organization; an
 * {@code organization-admin} belongs to an organization; a {@code user} may belong to a
 * reseller, an organization, or neither. A user of an organization belongs to its reseller.
 */
public interface UserService {
    /**
     * Creates a user, taking a slot in its reseller's and organization's {@code allowedUsers}.
     *
     * @throws QuotaExceededException if a cap is used up; nothing is written
     * @throws ConflictException      of kind DUPLICATE if the email is taken
     */
    User create(RequestContext context, CreateUser command);

    /** Reads a user. */
    User get(RequestContext context, UserId id);

    /**
     * Changes a user; fields left null stay as they are. A role change that makes a user count
     * (or stop counting) against its reseller's quota takes (or frees) the slot.
     */
    User update(RequestContext context, UserId id, UpdateUser command);

    /**
     * Deletes a user and frees its quota slots.
     *
     * @throws ConflictException of kind IN_USE while licenses are assigned to it
     */
    void delete(RequestContext context, UserId id);

    /**
     * Deletes the user if its stored version is {@code expectedVersion}, as {@link #delete(RequestContext, UserId)}.
     *
     * @throws ConflictException of kind STALE_VERSION if the stored version differs
     */
    void delete(RequestContext context, UserId id, long expectedVersion);

    /**
     * Lists users, oldest first. A reseller admin sees its own reseller's users, an
     * organization admin its own organization's.
     */
    Page<User> list(RequestContext context, UserQuery query, PageRequest page);
}
