package io.resellerkit.engine;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;

/**
 * The acting user as stored at the time of the call.
 *
 * @param reseller the actor's reseller as loaded for this call (for reseller admins, whose
 *                 suspension it tells), or null
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, Reseller reseller) {

    /** True if the actor's reseller is suspended. */
    boolean resellerSuspended() {
        return reseller != null && reseller.isSuspended();
    }
}
