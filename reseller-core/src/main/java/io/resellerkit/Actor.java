package io.resellerkit;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;

/**
 * The acting user as stored at the time of the call.
 *
 * @param resellerSuspended true if the actor's reseller is suspended
 */
record Actor(UserId id, Role role, ResellerId resellerId, OrganizationId organizationId, boolean resellerSuspended) {
}
