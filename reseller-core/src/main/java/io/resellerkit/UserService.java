package io.resellerkit;

import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Keyset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Manages users. The vendor manages everyone; a reseller admin manages the organization admins
 * and users of its own reseller; an organization admin manages the users of its own
 * organization; a user reads itself. Nobody grants a role ranked at or above its own, except
 * the vendor.
 *
 * <p>Where a user belongs follows from its role: an {@code admin} belongs to no reseller; a
 * {@code reseller-admin} belongs to a reseller and no organization; an
 * {@code organization-admin} belongs to an organization; a {@code user} may belong to a
 * reseller, an organization, or neither. A user of an organization belongs to its reseller.
 */
public final class UserService {
    private static final String TYPE = "user";
    private final Core core;

    UserService(Core core) {
        this.core = core;
    }

    /**
     * Creates a user, taking a slot in its reseller's and organization's {@code allowedUsers}.
     *
     * @throws QuotaExceededException if a cap is used up; nothing is written
     * @throws ConflictException      of kind DUPLICATE if the email is taken
     */
    public User create(RequestContext context, CreateUser command) {
        Core.required("command", command);
        return core.runner.write(context, call -> {
            Role role = Role.fromCode(command.role()).orElseThrow();
            // Rights first: where the user would go is judged before anything about it is told.
            Organization org = command.organizationId() == null ? null : Core.existing(
                    core.storage.organizations().findById(command.organizationId()), "organization",
                    command.organizationId());
            Target target = Target.newUser(org != null ? org.resellerId() : command.resellerId(),
                    command.organizationId(), role);
            core.runner.require(call, Operation.USER_CREATE, target);
            Placement at = place(call, command.resellerId(), org);
            checkPlacement(role, at);
            var now = core.now();
            User u = new User(UserId.of(core.newId()), command.firstName(), command.lastName(),
                    Core.email(command.email()), role, at.resellerId(), command.organizationId(), command.metadata(),
                    1, now, now);
            core.storage.users().insert(u);
            core.auditor.changed(call, AuditAction.USER_CREATED, TYPE, u.id().value(), u.resellerId(), null, u);
            // Slots last: a contended counter row stays locked only until the commit that follows.
            core.quotas.take(Quotas.of(u, at.reseller, at.organization), target);
            return u;
        }, command);
    }

    /** Reads a user. */
    public User get(RequestContext context, UserId id) {
        Core.required("id", id);
        return core.runner.read(context, call -> {
            User u = load(id);
            core.runner.require(call, Operation.USER_READ, Target.user(u));
            return u;
        });
    }

    /**
     * Changes a user; fields left null stay as they are. A role change that makes a user count
     * (or stop counting) against its reseller's quota takes (or frees) the slot.
     */
    public User update(RequestContext context, UserId id, UpdateUser command) {
        Core.required("id", id, "command", command);
        return core.runner.write(context, call -> {
            User u = load(id);
            Role role = command.role() == null ? u.role() : Role.fromCode(command.role()).orElseThrow();
            Target target = Target.userUpdate(u, role == u.role() ? null : role);
            core.runner.require(call, Operation.USER_UPDATE, target);
            Core.checkVersion(command.expectedVersion(), u);
            Placement at = place(call, u.resellerId(), u.organizationId());
            checkPlacement(role, at);
            if (role != Role.ADMIN) {
                keepAnAdmin(u);
            }
            User changed = u.withDetails(Core.either(command.firstName(), u.firstName()),
                    Core.either(command.lastName(), u.lastName()), Core.either(Core.email(command.email()), u.email()),
                    role, Core.either(command.metadata(), u.metadata()), core.now());
            if (Auditor.diff(u.auditFields(), changed.auditFields()).isEmpty()) {
                return u;
            }
            User stored = core.update(call, AuditAction.USER_UPDATED, TYPE, u.resellerId(), u, changed,
                    core.storage.users()::update);
            // Slots after the row, as in create and delete: every unit locks rows before counters.
            List<Quotas.Slot> before = Quotas.of(u, at.reseller, at.organization);
            List<Quotas.Slot> after = Quotas.of(changed, at.reseller, at.organization);
            core.quotas.release(minus(before, after));
            core.quotas.take(minus(after, before), target);
            return stored;
        }, command);
    }

    /**
     * Deletes a user and frees its quota slots.
     *
     * @throws ConflictException of kind IN_USE while licenses are assigned to it
     */
    public void delete(RequestContext context, UserId id) {
        Core.required("id", id);
        core.runner.write(context, call -> {
            User u = load(id);
            core.runner.require(call, Operation.USER_DELETE, Target.user(u));
            if (!core.storage.licenses().find(LicenseQuery.all().withAssignedUsers(Set.of(id)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.IN_USE, "user still has licenses assigned");
            }
            keepAnAdmin(u);
            Placement at = place(call, u.resellerId(), u.organizationId());
            core.storage.users().delete(id, u.version());
            core.quotas.release(Quotas.of(u, at.reseller, at.organization));
            core.auditor.changed(call, AuditAction.USER_DELETED, TYPE, id.value(), u.resellerId(), u, null);
            return null;
        });
    }

    /**
     * Lists users, oldest first. A reseller admin sees its own reseller's users, an
     * organization admin its own organization's.
     */
    public Page<User> list(RequestContext context, UserQuery query, PageRequest page) {
        Core.required("query", query, "page", page);
        return core.runner.read(context, call -> {
            core.runner.require(call, Operation.USER_LIST, Target.list(TYPE));
            UserQuery scoped = Scope.users(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            return Cursors.page(page, after -> core.storage.users().find(scoped, after, page.limit() + 1),
                    u -> new Keyset(u.createdAt(), u.id().value()));
        }, query, page);
    }

    /** The vendor must never lock itself out: the last admin cannot be deleted or demoted. */
    private void keepAnAdmin(User leaving) {
        if (leaving.role() == Role.ADMIN && core.storage.users()
                .find(UserQuery.all().withRoles(Set.of(Role.ADMIN)), null, 2).size() < 2) {
            throw new ConflictException(ConflictException.Kind.IN_USE, "the last admin cannot be deleted or demoted");
        }
    }

    private User load(UserId id) {
        return Core.existing(core.storage.users().findById(id), TYPE, id);
    }

    /** Where a user sits: its reseller and organization, loaded. */
    private record Placement(Reseller reseller, Organization organization) {
        ResellerId resellerId() {
            return reseller == null ? null : reseller.id();
        }
    }

    private Placement place(Call call, ResellerId resellerId, OrganizationId organizationId) {
        return place(call, resellerId, organizationId == null ? null
                : Core.existing(core.storage.organizations().findById(organizationId), "organization", organizationId));
    }

    private Placement place(Call call, ResellerId resellerId, Organization org) {
        ResellerId effective = resellerId;
        if (org != null) {
            if (resellerId != null && !resellerId.equals(org.resellerId())) {
                throw InputValidator.invalid("resellerId", "SameReseller",
                        "must be the reseller of the organization, or left out");
            }
            effective = org.resellerId();
        }
        Reseller reseller = effective == null ? null : core.reseller(call, effective);
        return new Placement(reseller, org);
    }

    private static void checkPlacement(Role role, Placement at) {
        switch (role) {
            case ADMIN -> InputValidator.require(at.reseller == null && at.organization == null, "role", "Placement",
                    "an admin belongs to no reseller and no organization");
            case RESELLER_ADMIN -> InputValidator.require(at.reseller != null && at.organization == null, "role",
                    "Placement", "a reseller-admin belongs to a reseller and to no organization");
            case ORGANIZATION_ADMIN -> InputValidator.require(at.organization != null, "role", "Placement",
                    "an organization-admin belongs to an organization");
            case USER -> {
            }
        }
    }

    private static List<Quotas.Slot> minus(List<Quotas.Slot> from, List<Quotas.Slot> taken) {
        List<Quotas.Slot> rest = new ArrayList<>();
        for (Quotas.Slot s : from) {
            if (taken.stream().noneMatch(t -> t.counter().equals(s.counter()))) {
                rest.add(s);
            }
        }
        return rest;
    }
}
