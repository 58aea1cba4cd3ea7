package io.resellerkit.engine;

import static io.resellerkit.model.Role.ADMIN;
import static io.resellerkit.model.Role.ORGANIZATION_ADMIN;
import static io.resellerkit.model.Role.RESELLER_ADMIN;

import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides who may do what: the one permission policy, consulted by every operation before it
 * reads or writes a resource. Scope (which reseller, which organization) is asked of
 * {@link Scope}; rank (which roles an actor may hand out or manage) is decided here: an actor
 * may only grant and manage roles ranked below its own.
 */
final class PermissionPolicy {
    private final Clock clock;

    /** {@code clock} tells when a reseller's contract has ended. */
    PermissionPolicy(Clock clock) {
        this.clock = clock;
    }

    /** Why the actor may not do this, or empty if it may. */
    Optional<String> denial(Actor actor, Operation op, Target target) {
        Role role = actor.role();
        if (role == ADMIN) {
            return Optional.empty();
        }
        if (role == RESELLER_ADMIN) {
            // The partnership's standing, decided now: a contract that ended counts as a suspension.
            ResellerStatus standing = actor.resellerStanding(clock.instant());
            if (standing == ResellerStatus.TERMINATED) {
                return deny("the reseller is terminated: its admins have no access");
            }
            if (op.writes() && (standing == ResellerStatus.SUSPENDED || standing == ResellerStatus.INVITED)) {
                return deny("the reseller is " + standing + ": its admins may read but change nothing");
            }
        }
        return switch (op) {
            case RESELLER_CREATE, RESELLER_UPDATE, RESELLER_CHANGE_QUOTAS, RESELLER_SUSPEND, RESELLER_REACTIVATE,
                 RESELLER_TERMINATE, RESELLER_DELETE, LICENSE_CREATE, LICENSE_ALLOCATE, LICENSE_SUSPEND, LICENSE_UNSUSPEND,
                 LICENSE_REVOKE, ORGANIZATION_TRANSFER -> deny("only the vendor may " + op.describe());
            case RESELLER_READ, AUDIT_READ, ORGANIZATION_CREATE, ORGANIZATION_UPDATE, ORGANIZATION_DELETE,
                 LICENSE_ASSIGN, LICENSE_UNASSIGN -> scoped(actor, op, target, role == RESELLER_ADMIN);
            case RESELLER_LIST -> allowIf(role == RESELLER_ADMIN, actor, op);
            // The target of a transfer by token is the organization as it arrives in the receiving reseller.
            case ORGANIZATION_TRANSFER_BY_TOKEN -> scoped(actor, op, target, role == RESELLER_ADMIN);
            case ORGANIZATION_ISSUE_TRANSFER_TOKEN -> scoped(actor, op, target,
                    role == RESELLER_ADMIN || role == ORGANIZATION_ADMIN);
            case ORGANIZATION_READ -> scoped(actor, op, target, role == RESELLER_ADMIN || role == ORGANIZATION_ADMIN);
            case ORGANIZATION_LIST, USER_LIST -> allowIf(role == RESELLER_ADMIN || role == ORGANIZATION_ADMIN, actor, op);
            case LICENSE_READ -> scoped(actor, op, target, true);
            case LICENSE_LIST -> Optional.empty();
            case USER_READ -> actor.id().equals(target.userId()) ? Optional.empty()
                    : scoped(actor, op, target, role == RESELLER_ADMIN || role == ORGANIZATION_ADMIN);
            case USER_CREATE, USER_UPDATE, USER_DELETE -> manageUser(actor, op, target);
        };
    }

    private static Optional<String> manageUser(Actor actor, Operation op, Target target) {
        Role role = actor.role();
        Optional<String> scoped = scoped(actor, op, target, role == RESELLER_ADMIN || role == ORGANIZATION_ADMIN);
        if (scoped.isPresent()) {
            return scoped;
        }
        if (target.subjectRole() != null && !target.subjectRole().isBelow(role)) {
            return deny(role + " may not " + op.describe() + " of a " + target.subjectRole());
        }
        if (target.grantedRole() != null && !target.grantedRole().isBelow(role)) {
            return deny(role + " may not grant role " + target.grantedRole());
        }
        return Optional.empty();
    }

    /** Allowed if the role may do this at all and the target sits inside the actor's scope. */
    private static Optional<String> scoped(Actor actor, Operation op, Target target, boolean roleMay) {
        if (!roleMay) {
            return deny(actor.role() + " may not " + op.describe());
        }
        return Scope.covers(actor, target) ? Optional.empty()
                : deny(actor.role() + " may not " + op.describe() + " outside " + Scope.describe(actor));
    }

    private static Optional<String> allowIf(boolean allowed, Actor actor, Operation op) {
        return allowed ? Optional.empty() : deny(actor.role() + " may not " + op.describe());
    }

    private static Optional<String> deny(String reason) {
        return Optional.of(reason);
    }
}
