package io.resellerkit;

import io.resellerkit.command.CreateLicense;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.spi.Keyset;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Manages licenses. The vendor creates, allocates, suspends and revokes them; a reseller admin
 * assigns its reseller's licenses to its own users and organizations and takes them back;
 * organization admins and users read the licenses assigned to them.
 */
public final class LicenseService {
    private static final String TYPE = "license";
    private final Core core;

    LicenseService(Core core) {
        this.core = core;
    }

    /**
     * Creates a license, allocated to a reseller if one is given.
     *
     * @throws ConflictException of kind DUPLICATE if the key is taken
     */
    public License create(RequestContext context, CreateLicense command) {
        Core.required("command", command);
        return core.runner.write(context, call -> {
            if (command.resellerId() != null) {
                Core.existing(core.storage.resellers().findById(command.resellerId()), "reseller", command.resellerId());
            }
            core.runner.require(call, Operation.LICENSE_CREATE, Target.newLicense(command.resellerId()));
            var now = core.now();
            String key = command.key() != null ? command.key() : core.newId();
            License l = new License(LicenseId.of(core.newId()), key, command.productId(), command.allowedActivations(),
                    Core.stored(command.expiresAt()), false, false, command.resellerId(), null, null, command.metadata(),
                    1, now, now);
            core.storage.licenses().insert(l);
            core.auditor.changed(call, AuditAction.LICENSE_CREATED, TYPE, l.id().value(), l.resellerId(), null, l);
            return l;
        }, command);
    }

    /** Reads a license. */
    public License get(RequestContext context, LicenseId id) {
        Core.required("id", id);
        return core.runner.read(context, call -> {
            License l = load(id);
            core.runner.require(call, Operation.LICENSE_READ, Target.license(l));
            return l;
        });
    }

    /**
     * Allocates an unallocated license to a reseller, or takes it back from its reseller (null).
     * A license moves between resellers in two steps, so that each reseller's own trail shows it
     * arriving and leaving.
     *
     * @throws ConflictException of kind INVALID_STATE if it is assigned, revoked, or allocated to
     *                           another reseller
     */
    public License allocate(RequestContext context, LicenseId id, ResellerId resellerId) {
        Core.required("id", id);
        return change(context, id, Operation.LICENSE_ALLOCATE, AuditAction.LICENSE_ALLOCATED, l -> {
            requireUsable(l);
            if (l.isAssigned()) {
                throw invalidState("an assigned license cannot move; unassign it first");
            }
            if (resellerId != null && l.resellerId() != null) {
                throw invalidState("the license is allocated to a reseller; take it back first");
            }
            if (resellerId != null) {
                Core.existing(core.storage.resellers().findById(resellerId), "reseller", resellerId);
            }
            return l.allocatedTo(resellerId, core.now());
        });
    }

    /**
     * Assigns a license to a user of the reseller it is allocated to (or, for an unallocated
     * license, to a direct customer of the vendor), in place of any earlier assignee.
     */
    public License assignToUser(RequestContext context, LicenseId id, UserId userId) {
        Core.required("id", id, "userId", userId);
        return assign(context, id, userId, null);
    }

    /**
     * Assigns a license to an organization of the reseller it is allocated to (or, for an
     * unallocated license, to a direct customer of the vendor), in place of any earlier assignee.
     */
    public License assignToOrganization(RequestContext context, LicenseId id, OrganizationId organizationId) {
        Core.required("id", id, "organizationId", organizationId);
        return assign(context, id, null, organizationId);
    }

    /** Takes a license back from its assignee. */
    public License unassign(RequestContext context, LicenseId id) {
        Core.required("id", id);
        return change(context, id, Operation.LICENSE_UNASSIGN, AuditAction.LICENSE_UNASSIGNED, l -> {
            if (!l.isAssigned()) {
                throw invalidState("the license is not assigned");
            }
            return l.assignedTo(null, null, core.now());
        });
    }

    /** Suspends a license; it stays assigned. */
    public License suspend(RequestContext context, LicenseId id) {
        Core.required("id", id);
        return change(context, id, Operation.LICENSE_SUSPEND, AuditAction.LICENSE_SUSPENDED, l -> {
            requireUsable(l);
            return l.withSuspended(true, core.now());
        });
    }

    /** Lifts a license's suspension. */
    public License unsuspend(RequestContext context, LicenseId id) {
        Core.required("id", id);
        return change(context, id, Operation.LICENSE_UNSUSPEND, AuditAction.LICENSE_UNSUSPENDED, l -> {
            requireUsable(l);
            return l.withSuspended(false, core.now());
        });
    }

    /** Revokes a license for good: it can no longer be assigned, allocated or unsuspended. */
    public License revoke(RequestContext context, LicenseId id) {
        Core.required("id", id);
        return change(context, id, Operation.LICENSE_REVOKE, AuditAction.LICENSE_REVOKED, l -> {
            requireUsable(l);
            return l.revokedAt(core.now());
        });
    }

    /**
     * Lists licenses, oldest first. A reseller admin sees its reseller's; an organization
     * admin those assigned to its organization; a user those assigned to it.
     */
    public Page<License> list(RequestContext context, LicenseQuery query, PageRequest page) {
        Core.required("query", query, "page", page);
        return core.runner.read(context, call -> {
            core.runner.require(call, Operation.LICENSE_LIST, Target.list(TYPE));
            LicenseQuery scoped = Scope.licenses(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            return Cursors.page(page, after -> core.storage.licenses().find(scoped, after, page.limit() + 1),
                    l -> new Keyset(l.createdAt(), l.id().value()));
        }, query, page);
    }

    private License assign(RequestContext context, LicenseId id, UserId userId, OrganizationId organizationId) {
        return core.runner.write(context, call -> {
            License l = load(id);
            core.runner.require(call, Operation.LICENSE_ASSIGN, Target.license(l));
            requireUsable(l);
            // The assignee must be one the actor may see, and of the license's reseller.
            Target assignee;
            ResellerId assigneeReseller;
            if (userId != null) {
                User u = Core.existing(core.storage.users().findById(userId), "user", userId);
                assignee = Target.user(u);
                assigneeReseller = u.resellerId();
                core.runner.require(call, Operation.USER_READ, assignee);
            } else {
                Organization o = Core.existing(core.storage.organizations().findById(organizationId), "organization",
                        organizationId);
                assignee = Target.organization(o);
                assigneeReseller = o.resellerId();
                core.runner.require(call, Operation.ORGANIZATION_READ, assignee);
            }
            // A reseller's license goes to its own customers; an unallocated one to the vendor's direct customers.
            if (!Objects.equals(l.resellerId(), assigneeReseller)) {
                throw invalidState("the assignee does not belong to the license's reseller");
            }
            return core.update(call, AuditAction.LICENSE_ASSIGNED, TYPE, l.resellerId(), l,
                    l.assignedTo(userId, organizationId, core.now()), core.storage.licenses()::update);
        });
    }

    private License change(RequestContext context, LicenseId id, Operation op, String action, UnaryOperator<License> edit) {
        return core.runner.write(context, call -> {
            License l = load(id);
            core.runner.require(call, op, Target.license(l));
            License changed = edit.apply(l);
            ResellerId concerning = changed.resellerId() != null ? changed.resellerId() : l.resellerId();
            return core.update(call, action, TYPE, concerning, l, changed, core.storage.licenses()::update);
        });
    }

    private static void requireUsable(License l) {
        if (l.revoked()) {
            throw invalidState("the license is revoked");
        }
    }

    private static ConflictException invalidState(String message) {
        return new ConflictException(ConflictException.Kind.INVALID_STATE, message);
    }

    private License load(LicenseId id) {
        return Core.existing(core.storage.licenses().findById(id), TYPE, id);
    }
}
