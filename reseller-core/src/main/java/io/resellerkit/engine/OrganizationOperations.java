package io.resellerkit.engine;

import io.resellerkit.OrganizationService;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.UsageCounter;
import java.util.Set;

/**
 * Manages organizations (customer companies). The vendor manages all; a reseller admin
 * manages its own reseller's (its sales staff create them); an organization admin reads its own.
 * The full answer is {@link PermissionPolicy}'s table.
 */
final class OrganizationOperations implements OrganizationService {
    private static final String TYPE = "organization";
    private final Engine engine;

    OrganizationOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Organization create(RequestContext context, CreateOrganization command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.ORGANIZATION_CREATE, call -> {
            if (command.resellerId() != null) {
                engine.reseller(call, command.resellerId()); // not found before anything else is told
            }
            Target target = Target.newOrganization(command.resellerId());
            engine.runner.require(call, Operation.ORGANIZATION_CREATE, target);
            var now = engine.now();
            Organization o = new Organization(OrganizationId.of(engine.newId()), command.name(),
                    Engine.email(command.email()), Engine.blankToNull(command.address()), command.allowedUsers(),
                    command.resellerId(), command.metadata(), 1, now, now);
            engine.storage.organizations().insert(o);
            engine.auditor.changed(call, AuditAction.ORGANIZATION_CREATED, TYPE, o.id().value(), o.resellerId(), null, o);
            engine.quotas.take(Quotas.of(o), target);
            engine.quotas.open(Quotas.organizationUsers(o.id()), o.allowedUsers());
            return o;
        }, command);
    }

    @Override
    public Organization get(RequestContext context, OrganizationId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_READ, Target.organization(o));
            return o;
        });
    }

    @Override
    public Organization update(RequestContext context, OrganizationId id, UpdateOrganization command) {
        Engine.required("id", id, "command", command);
        return engine.runner.write(context, TYPE, Operation.ORGANIZATION_UPDATE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_UPDATE, Target.organization(o));
            Engine.checkVersion(command.expectedVersion(), o);
            Organization changed = o.withDetails(Engine.either(command.name(), o.name()),
                    Engine.either(Engine.email(command.email()), o.email()), Engine.optionalText(command.address(), o.address()),
                    Engine.either(command.allowedUsers(), o.allowedUsers()), Engine.either(command.metadata(), o.metadata()),
                    engine.now());
            Organization saved = engine.update(call, AuditAction.ORGANIZATION_UPDATED, TYPE, o.resellerId(), o,
                    changed, engine.storage.organizations()::update);
            if (saved.allowedUsers() != o.allowedUsers()) {
                engine.quotas.setLimit(Quotas.organizationUsers(id), saved.allowedUsers());
            }
            return saved;
        }, id, command);
    }

    @Override
    public void delete(RequestContext context, OrganizationId id) {
        delete(context, id, null);
    }

    @Override
    public void delete(RequestContext context, OrganizationId id, long expectedVersion) {
        delete(context, id, Long.valueOf(expectedVersion));
    }

    private void delete(RequestContext context, OrganizationId id, Long expectedVersion) {
        Engine.required("id", id);
        engine.runner.write(context, TYPE, Operation.ORGANIZATION_DELETE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_DELETE, Target.organization(o));
            Engine.checkVersion(expectedVersion, o);
            var s = engine.storage;
            if (!s.users().find(UserQuery.all().inOrganization(id), null, 1).isEmpty()
                    || !s.licenses().find(LicenseQuery.all().withAssignedOrganizations(Set.of(id)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "organization still has users or licenses assigned");
            }
            s.organizations().delete(id, o.version());
            engine.auditor.changed(call, AuditAction.ORGANIZATION_DELETED, TYPE, id.value(), o.resellerId(), o, null);
            engine.quotas.release(Quotas.of(o));
            engine.quotas.close(Quotas.organizationUsers(id));
            return null;
        }, id, expectedVersion);
    }

    @Override
    public Page<Organization> list(RequestContext context, OrganizationQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.ORGANIZATION_LIST, Target.list(TYPE));
            OrganizationQuery q = Scope.organizations(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            engine.filterReach.organizations(call, TYPE, query.ids());
            return Cursors.page(page, after -> engine.storage.organizations().find(q, after, page.limit() + 1),
                    o -> new Keyset(o.createdAt(), o.id().value()));
        }, query, page);
    }

    private Organization load(OrganizationId id) {
        return Engine.existing(engine.storage.organizations().findById(id), TYPE, id);
    }
}
