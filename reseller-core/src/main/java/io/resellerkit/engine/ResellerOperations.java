package io.resellerkit.engine;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerService;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.Constraints;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
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

import io.resellerkit.spi.UsageCounter.Kind;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Manages resellers. Creating, changing and deleting them is the vendor's ({@code admin}), and,
 * for the resellers below its own (tiers), a reseller admin's; a reseller's staff read their own
 * reseller and those below it. A reseller's parent is fixed at creation (a reseller does not move
 * between parents), so the tree cannot have a cycle. A child's caps are carved out of its
 * parent's counters ({@link Quotas}).
 *
 * <p>Every method validates its input ({@link ValidationException}), checks the actor's
 * rights ({@link AccessDeniedException}, with an {@code access.denied} audit event), and
 * stores the change with its audit event in one unit of work.
 */
final class ResellerOperations implements ResellerService {
    private static final String TYPE = "reseller";
    private final Engine engine;

    ResellerOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Reseller create(RequestContext context, CreateReseller command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.RESELLER_CREATE, call -> {
            // Not found before anything else is told; then rights: creating under a parent is its staff's business.
            Reseller parent = command.parentId() == null ? null : load(command.parentId());
            Target target = Target.newReseller(command.parentId());
            engine.runner.require(call, Operation.RESELLER_CREATE, target);
            List<Reseller> above = parent == null ? List.of() : underParent(parent);
            var now = engine.now();
            Reseller r = new Reseller(ResellerId.of(engine.newId()), command.name(), Engine.email(command.email()),
                    Engine.blankToNull(command.phone()), Engine.blankToNull(command.companyAddress()), command.allowedUsers(),
                    command.allowedOrganizations(), command.startsInvited() ? ResellerStatus.INVITED : ResellerStatus.ACTIVE,
                    command.contractEndsAt(), command.metadata(), 1, now, now, command.parentId());
            engine.storage.resellers().insert(r);
            engine.auditor.changed(call, AuditAction.RESELLER_CREATED, TYPE, r.id().value(), r.id(), null, r);
            engine.quotas.open(Quotas.resellerUsers(r.id()), r.allowedUsers());
            engine.quotas.open(Quotas.resellerOrganizations(r.id()), r.allowedOrganizations());
            engine.quotas.open(Quotas.resellerLicenses(r.id()), r.allowedLicenses());
            if (parent != null) {
                // Carve the child's caps out of the parent's (an uncapped child carves nothing now: its
                // use goes up slot by slot). Always through the parent's counters, which also finds a
                // parent deleted meanwhile (its counters are gone with it).
                engine.quotas.add(engine.quotas.resellerSlot(Kind.RESELLER_USERS, parent), carved(r.allowedUsers()), target);
                engine.quotas.add(engine.quotas.resellerSlot(Kind.RESELLER_ORGANIZATIONS, parent),
                        carved(r.allowedOrganizations()), target);
            }
            return r;
        }, command);
    }

    /** What a child's cap takes from its parent's counter when the child is created: its cap, or nothing if uncapped. */
    private static long carved(int cap) {
        return cap == -1 ? 0 : cap;
    }

    /** The parent and its ancestors, if a child may go under it: it is not terminated and the child stays within the depth limit. */
    private List<Reseller> underParent(Reseller parent) {
        if (parent.status() == ResellerStatus.TERMINATED) {
            throw new ConflictException(ConflictException.Kind.INVALID_STATE,
                    "parentId: the parent reseller is terminated");
        }
        List<Reseller> chain = engine.tiers.chain(parent);
        if (chain.size() + 1 > engine.tiers.maxDepth()) {
            throw ValidationException.of("parentId", "MaxTierDepth", "the reseller would stand at tier "
                    + (chain.size() + 1) + ", deeper than the limit of " + engine.tiers.maxDepth() + " tiers");
        }
        return chain;
    }

    @Override
    public Reseller get(RequestContext context, ResellerId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            Reseller r = load(id);
            engine.runner.require(call, Operation.RESELLER_READ, Target.reseller(r));
            return r;
        });
    }

    @Override
    public Reseller update(RequestContext context, ResellerId id, UpdateReseller command) {
        Engine.required("id", id, "command", command);
        return change(context, id, Operation.RESELLER_UPDATE, AuditAction.RESELLER_UPDATED, command.expectedVersion(),
                r -> r.withDetails(Engine.either(command.name(), r.name()),
                        Engine.either(Engine.email(command.email()), r.email()),
                        Engine.optionalText(command.phone(), r.phone()),
                        Engine.optionalText(command.companyAddress(), r.companyAddress()),
                        Engine.either(command.metadata(), r.metadata()), engine.now()), command);
    }

    @Override
    public Reseller changeQuotas(RequestContext context, ResellerId id, ChangeQuotas command) {
        Engine.required("id", id, "command", command);
        // Changing the license cap is a right of its own (vendor only): asked only when the cap changes.
        return change(context, id, Operation.RESELLER_CHANGE_QUOTAS, r -> command.allowedLicenses() != null
                        && command.allowedLicenses() != r.allowedLicenses()
                        ? Operation.RESELLER_CHANGE_LICENSE_QUOTA : null,
                AuditAction.RESELLER_QUOTA_UPDATED, command.expectedVersion(),
                r -> r.withQuotas(Engine.either(command.allowedUsers(), r.allowedUsers()),
                        Engine.either(command.allowedOrganizations(), r.allowedOrganizations()),
                        Engine.either(command.allowedLicenses(), r.allowedLicenses()), engine.now()), command,
                (before, after) -> {
                    // The caps the creates check live on the counters: changed there, under their row locks.
                    Target target = Target.managedReseller(after);
                    boolean inTree = after.parentId() != null || engine.tiers.hasChildren(id);
                    recap(Kind.RESELLER_USERS, "allowedUsers", before, before.allowedUsers(), after.allowedUsers(),
                            inTree, target);
                    recap(Kind.RESELLER_ORGANIZATIONS, "allowedOrganizations", before, before.allowedOrganizations(),
                            after.allowedOrganizations(), inTree, target);
                    // Per reseller, never carved: the new cap applies to its next issue, and one below
                    // today's count refuses further issues (nothing is revoked).
                    if (before.allowedLicenses() != after.allowedLicenses()) {
                        engine.quotas.setLimit(Quotas.resellerLicenses(id), after.allowedLicenses());
                    }
                });
    }

    /**
     * Changes one cap on its counter. In a tree, a cap may not go below what its tier holds (its
     * own use plus what its children have carved out): a parent counts a child by its cap, so a
     * cap below that would let the parent hand out slots that are taken. A child's new cap is
     * carved out of (or given back to) its parent's counter in the same unit, refused if the parent
     * has no room. Lock order: the reseller's counter, then its parent's (deepest first).
     */
    private void recap(Kind kind, String field, Reseller r, int oldCap, int newCap, boolean inTree, Target target) {
        if (oldCap == newCap) {
            return;
        }
        Quotas.Slot slot = engine.quotas.resellerSlot(kind, r);
        long held = engine.quotas.hold(slot.counter()).usage();
        if (inTree && newCap != -1 && newCap < held) {
            throw new ConflictException(ConflictException.Kind.IN_USE, field + ": " + newCap
                    + " is below what this reseller's tier holds (" + held + ": its own use and its children's caps)");
        }
        engine.quotas.setLimit(slot.counter(), newCap);
        Quotas.Slot up = slot.parent();
        if (up != null) {
            long before = oldCap == -1 ? held : oldCap;
            long after = newCap == -1 ? held : newCap;
            if (after != before) {
                engine.quotas.add(up, after - before, target);
            }
        }
    }

    @Override
    public Reseller suspend(RequestContext context, ResellerId id) {
        Engine.required("id", id);
        return change(context, id, Operation.RESELLER_SUSPEND, AuditAction.RESELLER_SUSPENDED, null,
                r -> notTerminated(r).withStatus(ResellerStatus.SUSPENDED, engine.now()), null);
    }

    @Override
    public Reseller reactivate(RequestContext context, ResellerId id) {
        Engine.required("id", id);
        return change(context, id, Operation.RESELLER_REACTIVATE, AuditAction.RESELLER_REACTIVATED, null,
                r -> notTerminated(r).withStatus(ResellerStatus.ACTIVE, engine.now()), null);
    }

    @Override
    public Reseller terminate(RequestContext context, ResellerId id) {
        Engine.required("id", id);
        return change(context, id, Operation.RESELLER_TERMINATE, AuditAction.RESELLER_TERMINATED, null,
                r -> notTerminated(r).withStatus(ResellerStatus.TERMINATED, engine.now()), null);
    }

    @Override
    public Reseller changeContractEnd(RequestContext context, ResellerId id, Instant contractEndsAt) {
        Engine.required("id", id);
        InputValidator.require(contractEndsAt == null || Constraints.isStorableTime(contractEndsAt), "contractEndsAt",
                "StorableTime", "must be from " + Constraints.EARLIEST_TIME + " to " + Constraints.LATEST_TIME);
        // The date is an argument like a command: an idempotency key's fingerprint includes it.
        return change(context, id, Operation.RESELLER_UPDATE, AuditAction.RESELLER_UPDATED, null,
                r -> r.withContractEndsAt(contractEndsAt, engine.now()), contractEndsAt);
    }

    /** A terminated partnership has no way back: no status change applies to it. */
    private static Reseller notTerminated(Reseller r) {
        if (r.status() == ResellerStatus.TERMINATED) {
            throw new ConflictException(ConflictException.Kind.INVALID_STATE, "the reseller is terminated");
        }
        return r;
    }

    @Override
    public void delete(RequestContext context, ResellerId id) {
        delete(context, id, null);
    }

    @Override
    public void delete(RequestContext context, ResellerId id, long expectedVersion) {
        delete(context, id, Long.valueOf(expectedVersion));
    }

    private void delete(RequestContext context, ResellerId id, Long expectedVersion) {
        Engine.required("id", id);
        engine.runner.write(context, TYPE, Operation.RESELLER_DELETE, call -> {
            Reseller r = load(id);
            engine.runner.require(call, Operation.RESELLER_DELETE, Target.managedReseller(r));
            Engine.checkVersion(expectedVersion, r);
            var s = engine.storage;
            boolean inUse = !s.users().find(UserQuery.all().inReseller(id), null, 1).isEmpty()
                    || !s.organizations().find(OrganizationQuery.all().inReseller(id), null, 1).isEmpty()
                    || !s.licenses().find(LicenseQuery.all().inReseller(id), null, 1).isEmpty()
                    || engine.tiers.hasChildren(id);
            if (inUse) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "reseller still has users, organizations, licenses or resellers below it");
            }
            s.resellers().delete(id, r.version());
            engine.auditor.changed(call, AuditAction.RESELLER_DELETED, TYPE, id.value(), id, r, null);
            Quotas.Slot users = engine.quotas.resellerSlot(Kind.RESELLER_USERS, r);
            Quotas.Slot organizations = engine.quotas.resellerSlot(Kind.RESELLER_ORGANIZATIONS, r);
            // Its own counters first (deepest first), then what it had carved out goes back to its parent.
            engine.quotas.close(users.counter(), organizations.counter(), Quotas.resellerLicenses(id));
            if (users.parent() != null) {
                engine.quotas.add(users.parent(), -carved(r.allowedUsers()), Target.managedReseller(r));
                engine.quotas.add(organizations.parent(), -carved(r.allowedOrganizations()), Target.managedReseller(r));
            }
            return null;
        }, id, expectedVersion);
    }

    @Override
    public Page<Reseller> list(RequestContext context, ResellerQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.RESELLER_LIST, Target.list(TYPE));
            ResellerQuery scoped = Scope.resellers(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            return Cursors.page(page, after -> engine.storage.resellers().find(scoped, after, page.limit() + 1),
                    r -> new Keyset(r.createdAt(), r.id().value()));
        }, query, page);
    }

    @Override
    public Usage usage(RequestContext context, ResellerId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            Reseller r = load(id);
            engine.runner.require(call, Operation.RESELLER_READ, Target.reseller(r));
            return new Usage(r.allowedUsers(),
                    engine.quotas.usage(Quotas.resellerUsers(id)),
                    r.allowedOrganizations(),
                    engine.quotas.usage(Quotas.resellerOrganizations(id)),
                    r.allowedLicenses(),
                    engine.quotas.usage(Quotas.resellerLicenses(id)));
        });
    }

    private Reseller change(RequestContext context, ResellerId id, Operation op, AuditAction action, Long expectedVersion,
                            UnaryOperator<Reseller> edit, Object command) {
        return change(context, id, op, r -> null, action, expectedVersion, edit, command, (before, after) -> { });
    }

    /**
     * A change to one reseller; {@code alsoRequired} names a further operation the actor needs for
     * this change of this reseller (or null); {@code then} runs in the same unit, after the row and its event.
     */
    private Reseller change(RequestContext context, ResellerId id, Operation op,
                            Function<Reseller, Operation> alsoRequired, AuditAction action, Long expectedVersion,
                            UnaryOperator<Reseller> edit, Object command, BiConsumer<Reseller, Reseller> then) {
        return engine.runner.write(context, TYPE, op, call -> {
            Reseller r = load(id);
            engine.runner.require(call, op, Target.managedReseller(r));
            Operation also = alsoRequired.apply(r);
            if (also != null) {
                engine.runner.require(call, also, Target.managedReseller(r));
            }
            Engine.checkVersion(expectedVersion, r);
            Reseller saved = engine.update(call, action, TYPE, id, r, edit.apply(r), engine.storage.resellers()::update);
            then.accept(r, saved);
            return saved;
        }, id, command);
    }

    private Reseller load(ResellerId id) {
        return Engine.existing(engine.storage.resellers().findById(id), TYPE, id);
    }
}
