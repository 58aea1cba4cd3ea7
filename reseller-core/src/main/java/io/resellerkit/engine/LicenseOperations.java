package io.resellerkit.engine;

import io.resellerkit.LicenseService;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.spi.Keyset;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Manages licenses. The vendor creates, allocates, suspends and revokes them; a reseller admin
 * may create (issue) licenses too, if the vendor gave its reseller a license quota
 * ({@code allowedLicenses}, off by default): each one it issues takes a slot of its own reseller's
 * license count, for good (revoking does not give it back), and vendor-created licenses allocated
 * to it never count. A reseller admin
 * (and its support staff) assigns its reseller's licenses to its own users and organizations and
 * takes them back; organization admins and users read the licenses assigned to them. The full
 * answer is {@link PermissionPolicy}'s table.
 */
final class LicenseOperations implements LicenseService {
    private static final String TYPE = "license";
    private final Engine engine;

    LicenseOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public License create(RequestContext context, CreateLicense command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.LICENSE_CREATE, call -> {
            // A reseller's staff issue into their own reseller unless they name another in their reach.
            ResellerId issuer = call.actor().role() == Role.ADMIN ? null : call.actor().resellerId();
            ResellerId reseller = command.resellerId() != null ? command.resellerId() : issuer;
            if (reseller != null) {
                Engine.existing(engine.storage.resellers().findById(reseller), "reseller", reseller);
            }
            Target target = Target.newLicense(reseller);
            engine.runner.require(call, Operation.LICENSE_CREATE, target);
            if (issuer != null && issuingOff(call.actor())) {
                throw OperationRunner.denied(call, target, call.actor().role()
                        + " may not create licenses: the vendor has not given its reseller a license quota");
            }
            var now = engine.now();
            String key = command.key() != null ? command.key() : engine.newId();
            License l = new License(LicenseId.of(engine.newId()), key, command.productId(), command.allowedActivations(),
                    Engine.stored(command.expiresAt()), false, false, reseller, null, null, command.metadata(),
                    1, now, now, issuer);
            engine.storage.licenses().insert(l);
            engine.auditor.changed(call, AuditAction.LICENSE_CREATED, TYPE, l.id().value(), l.resellerId(), null, l);
            if (issuer != null) {
                // After the row and its event (lock order); the counter's cap decides, atomically.
                engine.quotas.take(List.of(engine.quotas.ofIssued(issuer)), target);
            }
            return l;
        }, command);
    }

    @Override
    public License get(RequestContext context, LicenseId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            License l = load(id);
            engine.runner.require(call, Operation.LICENSE_READ, Target.license(l));
            return l;
        });
    }

    @Override
    public License allocate(RequestContext context, LicenseId id, ResellerId resellerId) {
        Engine.required("id", id);
        return change(context, id, Operation.LICENSE_ALLOCATE, AuditAction.LICENSE_ALLOCATED, l -> {
            requireUsable(l);
            if (l.isAssigned()) {
                throw invalidState("an assigned license cannot move; unassign it first");
            }
            if (resellerId != null && l.resellerId() != null) {
                throw invalidState("the license is allocated to a reseller; take it back first");
            }
            if (resellerId != null) {
                Engine.existing(engine.storage.resellers().findById(resellerId), "reseller", resellerId);
            }
            return l.allocatedTo(resellerId, engine.now());
        }, id, resellerId);
    }

    @Override
    public License assignToUser(RequestContext context, LicenseId id, UserId userId) {
        Engine.required("id", id, "userId", userId);
        return assign(context, id, userId, null);
    }

    @Override
    public License assignToOrganization(RequestContext context, LicenseId id, OrganizationId organizationId) {
        Engine.required("id", id, "organizationId", organizationId);
        return assign(context, id, null, organizationId);
    }

    @Override
    public License unassign(RequestContext context, LicenseId id) {
        Engine.required("id", id);
        return change(context, id, Operation.LICENSE_UNASSIGN, AuditAction.LICENSE_UNASSIGNED, l -> {
            if (!l.isAssigned()) {
                throw invalidState("the license is not assigned");
            }
            return l.assignedTo(null, null, engine.now());
        }, id);
    }

    @Override
    public License suspend(RequestContext context, LicenseId id) {
        Engine.required("id", id);
        return change(context, id, Operation.LICENSE_SUSPEND, AuditAction.LICENSE_SUSPENDED, l -> {
            requireUsable(l);
            return l.withSuspended(true, engine.now());
        }, id);
    }

    @Override
    public License unsuspend(RequestContext context, LicenseId id) {
        Engine.required("id", id);
        return change(context, id, Operation.LICENSE_UNSUSPEND, AuditAction.LICENSE_UNSUSPENDED, l -> {
            requireUsable(l);
            return l.withSuspended(false, engine.now());
        }, id);
    }

    @Override
    public License revoke(RequestContext context, LicenseId id) {
        Engine.required("id", id);
        return change(context, id, Operation.LICENSE_REVOKE, AuditAction.LICENSE_REVOKED, l -> {
            requireUsable(l);
            return l.revokedAt(engine.now());
        }, id);
    }

    @Override
    public Page<License> list(RequestContext context, LicenseQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.LICENSE_LIST, Target.list(TYPE));
            LicenseQuery scoped = Scope.licenses(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            engine.filterReach.users(call, TYPE, query.assignedUsers());
            engine.filterReach.organizations(call, TYPE, query.assignedOrganizations());
            return Cursors.page(page, after -> engine.storage.licenses().find(scoped, after, page.limit() + 1),
                    l -> new Keyset(l.createdAt(), l.id().value()));
        }, query, page);
    }

    private License assign(RequestContext context, LicenseId id, UserId userId, OrganizationId organizationId) {
        return engine.runner.write(context, TYPE, Operation.LICENSE_ASSIGN, call -> {
            License l = load(id);
            engine.runner.require(call, Operation.LICENSE_ASSIGN, Target.license(l));
            requireUsable(l);
            // The assignee must be one the actor may see, and of the license's reseller.
            Target assignee;
            ResellerId assigneeReseller;
            if (userId != null) {
                User u = Engine.existing(engine.storage.users().findById(userId), "user", userId);
                assignee = Target.user(u);
                assigneeReseller = u.resellerId();
                engine.runner.require(call, Operation.USER_READ, assignee);
            } else {
                Organization o = Engine.existing(engine.storage.organizations().findById(organizationId), "organization",
                        organizationId);
                assignee = Target.organization(o);
                assigneeReseller = o.resellerId();
                engine.runner.require(call, Operation.ORGANIZATION_READ, assignee);
            }
            // A reseller's license goes to its own customers; an unallocated one to the vendor's direct customers.
            if (!Objects.equals(l.resellerId(), assigneeReseller)) {
                throw invalidState("the assignee does not belong to the license's reseller");
            }
            License assigned = engine.update(call, AuditAction.LICENSE_ASSIGNED, TYPE, l.resellerId(), l,
                    l.assignedTo(userId, organizationId, engine.now()), engine.storage.licenses()::update);
            // Not left behind by a transfer of the assignee that committed meanwhile.
            if (userId != null) {
                Engine.requireStillAt(l.resellerId(), engine.storage.users().findById(userId), User::resellerId, "user");
            } else {
                Engine.requireStillAt(l.resellerId(), engine.storage.organizations().findById(organizationId),
                        Organization::resellerId, "organization");
            }
            return assigned;
        }, id, userId, organizationId);
    }

    /** A change to one license; {@code arguments} are the caller's besides the context. */
    private License change(RequestContext context, LicenseId id, Operation op, AuditAction action,
                           UnaryOperator<License> edit, Object... arguments) {
        return engine.runner.write(context, TYPE, op, call -> {
            License l = load(id);
            engine.runner.require(call, op, Target.license(l));
            License changed = edit.apply(l);
            ResellerId concerning = changed.resellerId() != null ? changed.resellerId() : l.resellerId();
            return engine.update(call, action, TYPE, concerning, l, changed, engine.storage.licenses()::update);
        }, arguments);
    }

    /**
     * True if the actor's reseller may not issue licenses: its cap is 0, as loaded for this call. The
     * counter's own cap still decides the slot, so a cap changed meanwhile is never overrun.
     */
    private boolean issuingOff(Actor actor) {
        Reseller r = actor.reseller() != null ? actor.reseller()
                : engine.storage.resellers().findById(actor.resellerId()).orElse(null);
        return r == null || r.allowedLicenses() == 0;
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
        return Engine.existing(engine.storage.licenses().findById(id), TYPE, id);
    }
}
