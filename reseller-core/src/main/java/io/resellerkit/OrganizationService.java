package io.resellerkit;

import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
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
 * manages its own reseller's; an organization admin reads its own.
 */
public final class OrganizationService {
    private static final String TYPE = "organization";
    private final Core core;

    OrganizationService(Core core) {
        this.core = core;
    }

    /**
     * Creates an organization, taking a slot in its reseller's {@code allowedOrganizations}.
     *
     * @throws QuotaExceededException if the cap is used up; nothing is written
     */
    public Organization create(RequestContext context, CreateOrganization command) {
        Core.required("command", command);
        return core.runner.write(context, call -> {
            Reseller reseller = command.resellerId() == null ? null : core.reseller(call, command.resellerId());
            Target target = Target.newOrganization(command.resellerId());
            core.runner.require(call, Operation.ORGANIZATION_CREATE, target);
            var now = core.now();
            Organization o = new Organization(OrganizationId.of(core.newId()), command.name(),
                    Core.email(command.email()), Core.blankToNull(command.address()), command.allowedUsers(),
                    command.resellerId(), command.metadata(), 1, now, now);
            core.storage.organizations().insert(o);
            core.auditor.changed(call, AuditAction.ORGANIZATION_CREATED, TYPE, o.id().value(), o.resellerId(), null, o);
            core.quotas.take(Quotas.of(o, reseller), target); // last, as for users
            return o;
        }, command);
    }

    /** Reads an organization. */
    public Organization get(RequestContext context, OrganizationId id) {
        Core.required("id", id);
        return core.runner.read(context, call -> {
            Organization o = load(id);
            core.runner.require(call, Operation.ORGANIZATION_READ, Target.organization(o));
            return o;
        });
    }

    /**
     * Changes an organization; fields left null stay as they are. Lowering its
     * {@code allowedUsers} below today's use deletes nothing.
     */
    public Organization update(RequestContext context, OrganizationId id, UpdateOrganization command) {
        Core.required("id", id, "command", command);
        return core.runner.write(context, call -> {
            Organization o = load(id);
            core.runner.require(call, Operation.ORGANIZATION_UPDATE, Target.organization(o));
            Core.checkVersion(command.expectedVersion(), o);
            Organization changed = o.withDetails(Core.either(command.name(), o.name()),
                    Core.either(Core.email(command.email()), o.email()), Core.optionalText(command.address(), o.address()),
                    Core.either(command.allowedUsers(), o.allowedUsers()), Core.either(command.metadata(), o.metadata()),
                    core.now());
            return core.update(call, AuditAction.ORGANIZATION_UPDATED, TYPE, o.resellerId(), o, changed,
                    core.storage.organizations()::update);
        }, command);
    }

    /**
     * Deletes an organization that has no users and no licenses assigned, freeing its slot.
     *
     * @throws ConflictException of kind IN_USE while it has either
     */
    public void delete(RequestContext context, OrganizationId id) {
        Core.required("id", id);
        core.runner.write(context, call -> {
            Organization o = load(id);
            core.runner.require(call, Operation.ORGANIZATION_DELETE, Target.organization(o));
            var s = core.storage;
            if (!s.users().find(UserQuery.all().inOrganization(id), null, 1).isEmpty()
                    || !s.licenses().find(LicenseQuery.all().withAssignedOrganizations(Set.of(id)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "organization still has users or licenses assigned");
            }
            Reseller reseller = o.resellerId() == null ? null : s.resellers().findById(o.resellerId()).orElse(null);
            s.organizations().delete(id, o.version());
            core.quotas.release(Quotas.of(o, reseller));
            core.quotas.forget(new UsageCounter(UsageCounter.Kind.ORGANIZATION_USERS, id.value()));
            core.auditor.changed(call, AuditAction.ORGANIZATION_DELETED, TYPE, id.value(), o.resellerId(), o, null);
            return null;
        });
    }

    /**
     * Lists organizations, oldest first. A reseller admin sees its own reseller's; an
     * organization admin its own.
     */
    public Page<Organization> list(RequestContext context, OrganizationQuery query, PageRequest page) {
        Core.required("query", query, "page", page);
        return core.runner.read(context, call -> {
            core.runner.require(call, Operation.ORGANIZATION_LIST, Target.list(TYPE));
            OrganizationQuery q = Scope.organizations(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            return Cursors.page(page, after -> core.storage.organizations().find(q, after, page.limit() + 1),
                    o -> new Keyset(o.createdAt(), o.id().value()));
        }, query, page);
    }


    private Organization load(OrganizationId id) {
        return Core.existing(core.storage.organizations().findById(id), TYPE, id);
    }
}
