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
import java.util.function.Supplier;

/**
 * The acting user as stored at the time of the call.
 *
 * @param name     "First Last" as stored now, copied into the events the call writes
 * @param email    the email as stored now, copied into the events the call writes
 * @param reseller the actor's reseller as loaded for this call (for reseller admins, whose
 *                 standing it tells), or null
 * @param above    the resellers above the actor's, its parent first (their suspension or
 *                 termination reaches its staff); empty for everyone else
 * @param reach    loads, for a reseller's staff, their reseller and every reseller below it; read
 *                 through {@link #subtree()}
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, String name, String email,
             Reseller reseller, List<Reseller> above, Supplier<Set<ResellerId>> reach) {

    /** The user as the actor of a call; the rest as {@link #reseller()}, {@link #above()} and {@link #subtree()} say. */
    static Actor of(User user, Reseller reseller, List<Reseller> above, Supplier<Set<ResellerId>> subtree) {
        return new Actor(user.id(), user.role(), user.resellerId(), user.organizationId(),
                user.firstName() + " " + user.lastName(), user.email(), reseller, List.copyOf(above),
                once(subtree));
    }

    /**
     * For a reseller's staff, their reseller and every reseller below it, loaded the first time a
     * call asks (in its unit, so a child created a moment ago counts; most calls stay inside the
     * actor's own reseller and never ask); empty for everyone else. Only {@link Scope} reads it.
     */
    Set<ResellerId> subtree() {
        return reach.get();
    }

    private static Supplier<Set<ResellerId>> once(Supplier<Set<ResellerId>> load) {
        return new Supplier<>() {
            private Set<ResellerId> loaded;

            @Override
            public Set<ResellerId> get() {
                if (loaded == null) {
                    loaded = Set.copyOf(load.get());
                }
                return loaded;
            }
        };
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
