package io.resellerkit.engine;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;
import java.time.Instant;

/**
 * The acting user as stored at the time of the call.
 *
 * @param reseller the actor's reseller as loaded for this call (for reseller admins, whose
 *                 standing it tells), or null
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, Reseller reseller) {

    /** The standing of the actor's reseller at {@code now}, or null if it has none loaded. */
    ResellerStatus resellerStanding(Instant now) {
        return reseller == null ? null : reseller.standingAt(now);
    }
}
