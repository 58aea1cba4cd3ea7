package io.resellerkit;

import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.UsageCounter;

/**
 * Manages resellers. Creating, changing and deleting them is the vendor's ({@code admin});
 * a reseller admin may read its own reseller.
 *
 * <p>Every method validates its input ({@link ValidationException}), checks the actor's
 * rights ({@link AccessDeniedException}, with an {@code access.denied} audit event), and
 * stores the change with its audit event in one unit of work.
 */
public final class ResellerService {
    private static final String TYPE = "reseller";
    private final Core core;

    ResellerService(Core core) {
        this.core = core;
    }

    /** Creates an active reseller with its quotas. */
    public Reseller create(RequestContext context, CreateReseller command) {
        Core.required("command", command);
        return core.runner.write(context, call -> {
            core.runner.require(call, Operation.RESELLER_CREATE, Target.newReseller());
            var now = core.now();
            Reseller r = new Reseller(ResellerId.of(core.newId()), command.name(), Core.email(command.email()),
                    Core.blankToNull(command.phone()), Core.blankToNull(command.companyAddress()), command.allowedUsers(),
                    command.allowedOrganizations(), ResellerStatus.ACTIVE, command.metadata(), 1, now, now);
            core.storage.resellers().insert(r);
            core.auditor.changed(call, AuditAction.RESELLER_CREATED, TYPE, r.id().value(), r.id(), null, r);
            return r;
        }, command);
    }

    /**
     * Reads a reseller.
     *
     * @throws NotFoundException if there is none with this id
     */
    public Reseller get(RequestContext context, ResellerId id) {
        Core.required("id", id);
        return core.runner.read(context, call -> {
            Reseller r = load(id);
            core.runner.require(call, Operation.RESELLER_READ, Target.reseller(r));
            return r;
        });
    }

    /** Changes a reseller's details; fields left null stay as they are. */
    public Reseller update(RequestContext context, ResellerId id, UpdateReseller command) {
        Core.required("id", id, "command", command);
        return change(context, id, Operation.RESELLER_UPDATE, AuditAction.RESELLER_UPDATED, command.expectedVersion(),
                r -> r.withDetails(Core.either(command.name(), r.name()),
                        Core.either(Core.email(command.email()), r.email()),
                        Core.optionalText(command.phone(), r.phone()),
                        Core.optionalText(command.companyAddress(), r.companyAddress()),
                        Core.either(command.metadata(), r.metadata()), core.now()), command);
    }

    /**
     * Changes a reseller's quotas. A cap lowered below today's use deletes nothing; it refuses
     * further creates until use drops below it.
     */
    public Reseller changeQuotas(RequestContext context, ResellerId id, ChangeQuotas command) {
        Core.required("id", id, "command", command);
        return change(context, id, Operation.RESELLER_CHANGE_QUOTAS, AuditAction.RESELLER_QUOTA_UPDATED,
                command.expectedVersion(),
                r -> r.withQuotas(Core.either(command.allowedUsers(), r.allowedUsers()),
                        Core.either(command.allowedOrganizations(), r.allowedOrganizations()), core.now()), command);
    }

    /** Suspends a reseller: its admins keep read access only; its customers keep working. */
    public Reseller suspend(RequestContext context, ResellerId id) {
        Core.required("id", id);
        return change(context, id, Operation.RESELLER_SUSPEND, AuditAction.RESELLER_SUSPENDED, null,
                r -> r.withStatus(ResellerStatus.SUSPENDED, core.now()), null);
    }

    /** Lifts a suspension. */
    public Reseller reactivate(RequestContext context, ResellerId id) {
        Core.required("id", id);
        return change(context, id, Operation.RESELLER_REACTIVATE, AuditAction.RESELLER_REACTIVATED, null,
                r -> r.withStatus(ResellerStatus.ACTIVE, core.now()), null);
    }

    /**
     * Deletes a reseller that no longer has users, organizations or licenses.
     *
     * @throws ConflictException of kind IN_USE while it still has any
     */
    public void delete(RequestContext context, ResellerId id) {
        Core.required("id", id);
        core.runner.write(context, call -> {
            Reseller r = load(id);
            core.runner.require(call, Operation.RESELLER_DELETE, Target.reseller(r));
            var s = core.storage;
            boolean inUse = !s.users().find(UserQuery.all().inReseller(id), null, 1).isEmpty()
                    || !s.organizations().find(OrganizationQuery.all().inReseller(id), null, 1).isEmpty()
                    || !s.licenses().find(LicenseQuery.all().inReseller(id), null, 1).isEmpty();
            if (inUse) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "reseller still has users, organizations or licenses");
            }
            s.resellers().delete(id, r.version());
            core.quotas.forget(new UsageCounter(UsageCounter.Kind.RESELLER_USERS, id.value()),
                    new UsageCounter(UsageCounter.Kind.RESELLER_ORGANIZATIONS, id.value()));
            core.auditor.changed(call, AuditAction.RESELLER_DELETED, TYPE, id.value(), id, r, null);
            return null;
        });
    }

    /** Lists resellers, oldest first; a reseller admin sees only its own. */
    public Page<Reseller> list(RequestContext context, ResellerQuery query, PageRequest page) {
        Core.required("query", query, "page", page);
        return core.runner.read(context, call -> {
            core.runner.require(call, Operation.RESELLER_LIST, Target.list(TYPE));
            ResellerQuery scoped = Scope.resellers(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            return Cursors.page(page, after -> core.storage.resellers().find(scoped, after, page.limit() + 1),
                    r -> new Keyset(r.createdAt(), r.id().value()));
        }, query, page);
    }

    /** How many customer users and organizations a reseller holds now, as its quotas count them. */
    public Usage usage(RequestContext context, ResellerId id) {
        Core.required("id", id);
        return core.runner.read(context, call -> {
            Reseller r = load(id);
            core.runner.require(call, Operation.RESELLER_READ, Target.reseller(r));
            return new Usage(r.allowedUsers(),
                    core.quotas.usage(new UsageCounter(UsageCounter.Kind.RESELLER_USERS, id.value())),
                    r.allowedOrganizations(),
                    core.quotas.usage(new UsageCounter(UsageCounter.Kind.RESELLER_ORGANIZATIONS, id.value())));
        });
    }

    /**
     * A reseller's quotas and their use.
     *
     * @param allowedUsers         the cap, {@code -1} for unlimited
     * @param users                live customer users
     * @param allowedOrganizations the cap, {@code -1} for unlimited
     * @param organizations        live organizations
     */
    public record Usage(long allowedUsers, long users, long allowedOrganizations, long organizations) {
    }

    private Reseller change(RequestContext context, ResellerId id, Operation op, String action, Long expectedVersion,
                            java.util.function.UnaryOperator<Reseller> edit, Object command) {
        return core.runner.write(context, call -> {
            Reseller r = load(id);
            core.runner.require(call, op, Target.reseller(r));
            Core.checkVersion(expectedVersion, r);
            return core.update(call, action, TYPE, id, r, edit.apply(r), core.storage.resellers()::update);
        }, command);
    }

    private Reseller load(ResellerId id) {
        return Core.existing(core.storage.resellers().findById(id), TYPE, id);
    }
}
