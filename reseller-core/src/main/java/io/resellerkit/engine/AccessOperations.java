package io.resellerkit.engine;

import io.resellerkit.AccessService;
import io.resellerkit.RequestContext;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time-bound delegated access. Who may grant, revoke and list is {@link PermissionPolicy}'s table;
 * on top of it, the rules that need the grant's content: nobody grants to itself, an organization
 * admin grants only to its own reseller's staff, and a grantor never lends an operation its own
 * rights (not its grants) do not allow it on the organization. A grant cannot be re-delegated:
 * granting is not {@link PermissionPolicy#DELEGABLE}.
 */
final class AccessOperations implements AccessService {
    private static final String TYPE = "access-grant";
    private final Engine engine;

    AccessOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public AccessGrant grant(RequestContext context, GrantAccess command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.ACCESS_GRANT, call -> {
            Organization o = Engine.existing(engine.storage.organizations().findById(command.organizationId()),
                    "organization", command.organizationId());
            Target target = target(o, null);
            engine.runner.require(call, Operation.ACCESS_GRANT, target);
            User grantee = Engine.existing(engine.storage.users().findById(command.granteeId()), "user",
                    command.granteeId());
            Actor actor = call.actor();
            if (grantee.id().equals(actor.id())) {
                throw OperationRunner.denied(call, target, actor.role() + " may not grant access to itself");
            }
            if (actor.role() == Role.ORGANIZATION_ADMIN && !(PermissionPolicy.isResellerStaff(grantee.role())
                    && o.resellerId() != null && o.resellerId().equals(grantee.resellerId()))) {
                throw OperationRunner.denied(call, target,
                        "an organization-admin grants access only to its own reseller's staff");
            }
            for (AccessPermission p : command.permissions()) {
                Operation op = operation(p);
                if (engine.policy.denial(actor, op, Target.organization(o)).isPresent()) {
                    throw OperationRunner.denied(call, target, actor.role() + " may not lend " + p.code()
                            + ": it does not hold it on this organization");
                }
            }
            Instant now = engine.now();
            Instant from = command.validFrom() != null ? Engine.stored(command.validFrom()) : now;
            Instant until = Engine.stored(command.validUntil());
            InputValidator.require(until.isAfter(now), "validUntil", "Future", "must be in the future");
            InputValidator.require(until.isAfter(from), "validUntil", "AfterValidFrom", "must be after validFrom");
            Duration max = engine.accessGrantMaxPeriod;
            InputValidator.require(Duration.between(from, until).compareTo(max) <= 0, "validUntil", "MaxPeriod",
                    "must be at most " + max.toDays() + " days after validFrom");
            AccessGrant g = new AccessGrant(engine.newId(), o.id(), grantee.id(), command.permissions(), from, until,
                    null, actor.id(), now);
            engine.storage.accessGrants().insert(g);
            engine.auditor.changedFields(call, AuditAction.ACCESS_GRANTED, TYPE, g.id(), o.resellerId(), Map.of(),
                    g.auditFields());
            // Revoked by no transfer that committed meanwhile: it did not see this grant.
            Engine.requireStillAt(o.resellerId(), engine.storage.organizations().findById(o.id()),
                    Organization::resellerId, "organization");
            return g;
        }, command);
    }

    @Override
    public AccessGrant revoke(RequestContext context, String grantId) {
        Engine.required("grantId", grantId);
        return engine.runner.write(context, TYPE, Operation.ACCESS_REVOKE, call -> {
            AccessGrant g = Engine.existing(engine.storage.accessGrants().findById(grantId), TYPE, grantId);
            Optional<Organization> o = engine.storage.organizations().findById(g.organizationId());
            Target target = o.map(org -> target(org, g.id()))
                    .orElse(new Target(TYPE, g.id(), null, g.organizationId(), null, null, null));
            engine.runner.require(call, Operation.ACCESS_REVOKE, target);
            Instant now = engine.now();
            if (g.revokedAt() != null || !engine.storage.accessGrants().revoke(g.id(), now)) {
                throw new ConflictException(ConflictException.Kind.INVALID_STATE, "the access grant is revoked already");
            }
            AccessGrant revoked = g.revoked(now);
            engine.auditor.changedFields(call, AuditAction.ACCESS_REVOKED, TYPE, g.id(), target.resellerId(),
                    g.auditFields(), revoked.auditFields());
            return revoked;
        }, grantId);
    }

    @Override
    public List<AccessGrant> list(RequestContext context, OrganizationId organizationId) {
        Engine.required("organizationId", organizationId);
        return engine.runner.read(context, TYPE, call -> {
            Organization o = Engine.existing(engine.storage.organizations().findById(organizationId), "organization",
                    organizationId);
            engine.runner.require(call, Operation.ACCESS_LIST, target(o, null));
            return engine.storage.accessGrants().findByOrganization(o.id());
        });
    }

    private static Target target(Organization o, String grantId) {
        return new Target(TYPE, grantId, o.resellerId(), o.id(), null, null, null);
    }

    /** The operation a permission lends. */
    private static Operation operation(AccessPermission p) {
        return PermissionPolicy.DELEGABLE.entrySet().stream().filter(e -> e.getValue() == p).findFirst()
                .orElseThrow().getKey();
    }
}
