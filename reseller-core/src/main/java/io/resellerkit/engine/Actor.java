package io.resellerkit.engine;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * The acting user as stored at the time of the call.
 *
 * @param name     "First Last" as stored now, copied into the events the call writes
 * @param email    the email as stored now, copied into the events the call writes
 * @param reseller the actor's reseller as loaded for this call (for reseller admins, whose
 *                 standing it tells), or null
 * @param subtree  for a reseller's staff, their reseller and every reseller below it (loaded for
 *                 this call); empty for everyone else. Only {@link Scope} reads it.
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, String name, String email,
             Reseller reseller, Set<ResellerId> subtree) {

    /** The user as the actor of a call; {@code reseller} and {@code subtree} as {@link #reseller()} and {@link #subtree()} say. */
    static Actor of(User user, Reseller reseller, Set<ResellerId> subtree) {
        return new Actor(user.id(), user.role(), user.resellerId(), user.organizationId(),
                user.firstName() + " " + user.lastName(), user.email(), reseller, Set.copyOf(subtree));
    }

    /** The standing of the actor's reseller at {@code now}, or null if it has none loaded. */
    ResellerStatus resellerStanding(Instant now) {
        return reseller == null ? null : reseller.standingAt(now);
    }
}
