package io.resellerkit.engine;

import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.util.Set;

/**
 * Refuses a list filter that names a user or an organization outside the actor's reach, with
 * its {@code access.denied} event, instead of quietly returning an empty page: the vendor then
 * sees the probing. {@link Scope} narrows the filters on resellers; the ones naming single
 * users and organizations need the named rows, read here in one query each. Ids that name
 * nothing match nothing and pass (ids are unguessable).
 */
final class FilterReach {
    private final Storage storage;
    private final PermissionPolicy policy;

    FilterReach(Storage storage, PermissionPolicy policy) {
        this.storage = storage;
        this.policy = policy;
    }

    /** Every named user must be one the actor may read. */
    void users(Call call, String listed, Set<UserId> ids) {
        if (named(call, ids)) {
            for (User u : storage.users().find(UserQuery.all().withIds(ids), null, ids.size())) {
                refuseIf(policy.denial(call.actor(), Operation.USER_READ, Target.user(u)).isPresent(), call, listed);
            }
        }
    }

    /** Every named organization must be one the actor may read. */
    void organizations(Call call, String listed, Set<OrganizationId> ids) {
        if (named(call, ids)) {
            for (Organization o : storage.organizations().find(OrganizationQuery.all().withIds(ids), null, ids.size())) {
                refuseIf(policy.denial(call.actor(), Operation.ORGANIZATION_READ, Target.organization(o)).isPresent(),
                        call, listed);
            }
        }
    }

    /**
     * No named actor may be a user of a reseller outside the actor's reach. The vendor's staff may be named: they act on
     * the reseller's own resources, and the trail is narrowed to those anyway.
     */
    void actors(Call call, Set<UserId> ids) {
        if (named(call, ids)) {
            for (User u : storage.users().find(UserQuery.all().withIds(ids), null, ids.size())) {
                refuseIf(u.resellerId() != null && !Scope.coversReseller(call.actor(), u.resellerId()), call, "audit");
            }
        }
    }

    private static boolean named(Call call, Set<?> ids) {
        return call.actor().role() != Role.ADMIN && ids != null && !ids.isEmpty();
    }

    private static void refuseIf(boolean outside, Call call, String listed) {
        if (outside) {
            throw OperationRunner.outsideScope(call, listed);
        }
    }
}
