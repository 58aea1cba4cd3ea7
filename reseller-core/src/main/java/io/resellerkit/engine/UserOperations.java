package io.resellerkit.engine;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.UserService;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.ConflictException;
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
 * Manages users. Who may create, read, change and delete which users, which roles each actor
 * may grant, and where a user of each role belongs, is {@link PermissionPolicy}'s to say.
 */
final class UserOperations implements UserService {
    private static final String TYPE = "user";
    private final Engine engine;

    UserOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public User create(RequestContext context, CreateUser command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.USER_CREATE, call -> {
            Role role = command.role();
            // Rights first: where the user would go is judged before anything about it is told.
            Organization org = command.organizationId() == null ? null : Engine.existing(
                    engine.storage.organizations().findById(command.organizationId()), "organization",
                    command.organizationId());
            Target target = Target.newUser(org != null ? org.resellerId() : command.resellerId(),
                    command.organizationId(), role);
            engine.runner.require(call, Operation.USER_CREATE, target);
            Placement at = place(call, command.resellerId(), org);
            PermissionPolicy.checkPlacement(role, at.reseller != null, at.organization != null);
            var now = engine.now();
            User u = new User(UserId.of(engine.newId()), command.firstName(), command.lastName(),
                    Engine.email(command.email()), role, at.resellerId(), command.organizationId(), command.metadata(),
                    1, now, now);
            engine.storage.users().insert(u);
            engine.auditor.changed(call, AuditAction.USER_CREATED, TYPE, u.id().value(), u.resellerId(), null, u);
            // Slots last: a contended counter row stays locked only until the commit that follows.
            engine.quotas.take(engine.quotas.of(u, at.reseller, at.organization), target);
            stillIn(org);
            return u;
        }, command);
    }

    @Override
    public User get(RequestContext context, UserId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            User u = load(id);
            engine.runner.require(call, Operation.USER_READ, Target.user(u));
            return u;
        });
    }

    @Override
    public User update(RequestContext context, UserId id, UpdateUser command) {
        Engine.required("id", id, "command", command);
        return engine.runner.write(context, TYPE, Operation.USER_UPDATE, call -> {
            User u = load(id);
            Role role = Engine.either(command.role(), u.role());
            Target target = Target.userUpdate(u, role == u.role() ? null : role);
            engine.runner.require(call, Operation.USER_UPDATE, target);
            Organization destination = destination(call, u, command.organizationId(), role);
            Engine.checkVersion(command.expectedVersion(), u);
            Placement at = place(call, u.resellerId(), u.organizationId());
            Placement to = destination == null ? at : place(call, u.resellerId(), destination);
            PermissionPolicy.checkPlacement(role, to.reseller != null, to.organization != null);
            User changed = u.withDetails(Engine.either(command.firstName(), u.firstName()),
                    Engine.either(command.lastName(), u.lastName()), Engine.either(Engine.email(command.email()), u.email()),
                    role, Engine.either(command.metadata(), u.metadata()), engine.now());
            if (destination != null) {
                changed = new User(changed.id(), changed.firstName(), changed.lastName(), changed.email(), changed.role(),
                        changed.resellerId(), destination.id(), changed.metadata(), changed.version(),
                        changed.createdAt(), changed.updatedAt());
            }
            if (Auditor.diff(u.auditFields(), changed.auditFields()).isEmpty()) {
                return u;
            }
            User saved = engine.update(call, AuditAction.USER_UPDATED, TYPE, u.resellerId(), u, changed,
                    engine.storage.users()::update);
            // A role change may make the user count, or stop counting, as an admin or a customer;
            // a move frees the old organization's slot and takes one in the new.
            engine.quotas.move(engine.quotas.of(u, at.reseller, at.organization),
                    engine.quotas.of(changed, to.reseller, to.organization), target);
            stillIn(destination);
            return saved;
        }, id, command);
    }

    /**
     * The organization a user moves to, or null if it stays. A move stays inside the user's
     * reseller (between resellers it is a transfer), and needs the right to create the user there.
     */
    private Organization destination(Call call, User u, OrganizationId to, Role role) {
        if (to == null || to.equals(u.organizationId())) {
            return null;
        }
        Organization org = Engine.existing(engine.storage.organizations().findById(to), "organization", to);
        engine.runner.require(call, Operation.USER_CREATE, Target.newUser(org.resellerId(), org.id(), role));
        InputValidator.require(u.resellerId() != null && u.resellerId().equals(org.resellerId()), "organizationId",
                "SameReseller", "must be an organization of the user's reseller");
        return org;
    }

    @Override
    public void delete(RequestContext context, UserId id) {
        delete(context, id, null);
    }

    @Override
    public void delete(RequestContext context, UserId id, long expectedVersion) {
        delete(context, id, Long.valueOf(expectedVersion));
    }

    private void delete(RequestContext context, UserId id, Long expectedVersion) {
        Engine.required("id", id);
        engine.runner.write(context, TYPE, Operation.USER_DELETE, call -> {
            User u = load(id);
            engine.runner.require(call, Operation.USER_DELETE, Target.user(u));
            Engine.checkVersion(expectedVersion, u);
            if (!engine.storage.licenses().find(LicenseQuery.all().withAssignedUsers(Set.of(id)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.IN_USE, "user still has licenses assigned");
            }
            Placement at = place(call, u.resellerId(), u.organizationId());
            engine.storage.users().delete(id, u.version());
            engine.auditor.changed(call, AuditAction.USER_DELETED, TYPE, id.value(), u.resellerId(), u, null);
            engine.quotas.release(engine.quotas.of(u, at.reseller, at.organization));
            return null;
        }, id, expectedVersion);
    }

    @Override
    public Page<User> list(RequestContext context, UserQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.USER_LIST, Target.list(TYPE));
            UserQuery scoped = Scope.users(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            engine.filterReach.users(call, TYPE, query.ids());
            engine.filterReach.organizations(call, TYPE, query.organizationIds());
            return Cursors.page(page, after -> engine.storage.users().find(scoped, after, page.limit() + 1),
                    u -> new Keyset(u.createdAt(), u.id().value()));
        }, query, page);
    }

    /** The first vendor admin; see {@link io.resellerkit.ResellerKit#bootstrapAdmin}. */
    User bootstrapAdmin(CreateUser command) {
        Engine.required("command", command);
        engine.validator.validate(command);
        if (command.role() != Role.ADMIN
                || command.resellerId() != null || command.organizationId() != null) {
            throw InputValidator.invalid("role", "Bootstrap", "must be admin, with no reseller or organization");
        }
        return engine.storage.unitOfWork().write(() -> {
            // The admins' counter exists once any admin does: of two concurrent bootstraps, the
            // database lets one create it.
            try {
                engine.quotas.open(Quotas.ADMINS, -1);
            } catch (ConflictException e) {
                throw new ConflictException(ConflictException.Kind.INVALID_STATE, "an admin exists already", e);
            }
            var now = engine.now();
            User u = new User(UserId.of(engine.newId()), command.firstName(), command.lastName(),
                    Engine.email(command.email()), Role.ADMIN, null, null, command.metadata(), 1, now, now);
            engine.storage.users().insert(u);
            Call call = new Call(RequestContext.of(u.id()), Actor.of(u, null, java.util.List.of(), java.util.Set::of));
            engine.auditor.changed(call, AuditAction.USER_CREATED, "user", u.id().value(), null, null, u);
            engine.quotas.take(engine.quotas.of(u, null, null), Target.user(u));
            return u;
        });
    }

    /** Not left at the old reseller inside an organization a transfer moved meanwhile. */
    private void stillIn(Organization org) {
        if (org != null) {
            Engine.requireStillAt(org.resellerId(), engine.storage.organizations().findById(org.id()),
                    Organization::resellerId, "organization");
        }
    }

    private User load(UserId id) {
        return Engine.existing(engine.storage.users().findById(id), TYPE, id);
    }

    /** Where a user sits: its reseller and organization, loaded. */
    private record Placement(Reseller reseller, Organization organization) {
        ResellerId resellerId() {
            return reseller == null ? null : reseller.id();
        }
    }

    private Placement place(Call call, ResellerId resellerId, OrganizationId organizationId) {
        return place(call, resellerId, organizationId == null ? null
                : Engine.existing(engine.storage.organizations().findById(organizationId), "organization", organizationId));
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
        Reseller reseller = effective == null ? null : engine.reseller(call, effective);
        return new Placement(reseller, org);
    }

}
