package io.resellerkit.engine;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The acting user as stored at the time of the call.
 *
 * @param name     "First Last" as stored now, copied into the events the call writes
 * @param email    the email as stored now, copied into the events the call writes
 * @param reseller the actor's reseller as loaded for this call (for reseller admins, whose
 *                 standing it tells), or null
 * @param above    the resellers above the actor's, its parent first (their suspension or
 *                 termination reaches its staff); empty for everyone else
 * @param subtree  for a reseller's staff, their reseller and every reseller below it (loaded for
 *                 this call); empty for everyone else. Only {@link Scope} reads it.
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, String name, String email,
             Reseller reseller, List<Reseller> above, Set<ResellerId> subtree) {

    /** The user as the actor of a call; the rest as {@link #reseller()}, {@link #above()} and {@link #subtree()} say. */
    static Actor of(User user, Reseller reseller, List<Reseller> above, Set<ResellerId> subtree) {
        return new Actor(user.id(), user.role(), user.resellerId(), user.organizationId(),
                user.firstName() + " " + user.lastName(), user.email(), reseller, List.copyOf(above),
                Set.copyOf(subtree));
    }

    /**
     * The standing of the actor's reseller at {@code now}, or null if it has none loaded: its own,
     * unless a reseller above it is terminated or suspended (a contract that ended counts), which
     * then stands for it (terminated first): a parent's staff, and so its whole channel, stop with it.
     */
    ResellerStatus resellerStanding(Instant now) {
        if (reseller == null) {
            return null;
        }
        ResellerStatus standing = reseller.standingAt(now);
        for (Reseller r : above) {
            ResellerStatus s = r.standingAt(now);
            if (s == ResellerStatus.TERMINATED || s == ResellerStatus.SUSPENDED && standing != ResellerStatus.TERMINATED) {
                standing = s;
            }
        }
        return standing;
    }
}
