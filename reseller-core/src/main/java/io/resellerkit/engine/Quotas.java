package io.resellerkit.engine;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounter.Kind;
import io.resellerkit.spi.UsageCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota arithmetic: which counters a resource occupies. Each counter keeps its cap beside its
 * count, so taking a slot is one atomic check-and-change in storage, inside the operation's
 * unit of work: a refused create writes nothing, a cap holds under any concurrency, and a cap
 * lowered while creates run is never overrun. The vendor's admins are counted too, so that
 * "keep at least one admin" is the same kind of atomic step.
 *
 * <p>Tiers: a reseller's counter counts what is committed at its tier: its own customers (or
 * organizations), plus, for each child reseller, the child's cap (carved out when the cap was
 * set) or, for an uncapped child, whatever the child's counter holds. So a change at a reseller
 * goes on up to its parent exactly while the counter it changed is uncapped (decided under that
 * counter's lock, from the cap stored on it), and stops at the first capped one: a create in a
 * capped child touches only the child's counter, since its parent's slot was carved out already.
 * Every counter then holds {@code count <= cap}, which at a parent reads "its children's caps plus
 * its own use never exceed its cap".
 *
 * <p>Lock order, in every write: the resource's own row, then its audit event, then counters in
 * the order of their kinds ({@link Kind}), then deepest tier first (a child before its parent),
 * then their owners' ids (two moves in opposite directions must not deadlock), a release before a
 * take of the same counter. A change that goes on up to a parent is queued in that order, and a
 * parent is always shallower than what sent the change, so every unit takes the counters it needs
 * in one global order, whatever it started from. Counters come last because they are the
 * contended rows.
 */
final class Quotas {
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);
    /** The one counter of the vendor's admins. */
    static final UsageCounter ADMINS = new UsageCounter(Kind.ADMINS, "vendor");

    /**
     * One counter a resource occupies; {@code reseller} is the one a refusal's event concerns;
     * {@code tier}, for a reseller's counter, its owner and the owner's ancestors, owner first
     * (empty for other counters).
     */
    record Slot(UsageCounter counter, String quota, ResellerId reseller, List<Reseller> tier) {
        Slot(UsageCounter counter, String quota, ResellerId reseller) {
            this(counter, quota, reseller, List.of());
        }

        /** The same counter kind one tier up, or null at the top. */
        Slot parent() {
            if (tier.size() < 2) {
                return null;
            }
            List<Reseller> up = tier.subList(1, tier.size());
            ResellerId id = up.get(0).id();
            return new Slot(new UsageCounter(counter.kind(), id.value()), quota, id, up);
        }
    }

    /** One change of a counter by {@code amount}; {@code order} keeps the queue stable. */
    private record Change(Slot slot, long amount, long order) {
    }

    private static final Comparator<Change> LOCK_ORDER = Comparator
            .comparing((Change c) -> c.slot().counter().kind())
            .thenComparing(c -> -c.slot().tier().size())
            .thenComparing(c -> c.slot().counter().ownerId())
            .thenComparingLong(Change::amount)
            .thenComparingLong(Change::order);

    private final UsageCounters counters;
    private final Tiers tiers;

    Quotas(UsageCounters counters, Tiers tiers) {
        this.counters = counters;
        this.tiers = tiers;
    }

    /**
     * The slots a user occupies: the vendor's admin count for an admin, its reseller's
     * customer-user count (staff do not count) and its organization's user count.
     */
    List<Slot> of(User user, Reseller reseller, Organization organization) {
        List<Slot> slots = new ArrayList<>(2);
        if (user.role() == Role.ADMIN) {
            slots.add(new Slot(ADMINS, "admins", null));
        }
        if (reseller != null && !PermissionPolicy.isResellerStaff(user.role())) {
            slots.add(new Slot(resellerUsers(reseller.id()), "reseller.allowedUsers", reseller.id(),
                    tiers.chain(reseller)));
        }
        if (organization != null) {
            slots.add(new Slot(organizationUsers(organization.id()), "organization.allowedUsers",
                    reseller == null ? null : reseller.id()));
        }
        return slots;
    }

    /**
     * The slots of an import in reseller {@code r}: each organization's and each (customer)
     * user's, as {@link #of(Organization)} and {@link #of(User, Reseller, Organization)} give
     * them, with the tier read once. The new organizations' own counters are opened with their
     * users counted ({@link #openAll}).
     */
    List<Slot> ofImport(Reseller r, List<Organization> organizations, List<User> users) {
        List<Reseller> tier = tiers.chain(r);
        List<Slot> slots = new ArrayList<>(organizations.size() + users.size());
        Slot organizationSlot = new Slot(resellerOrganizations(r.id()), "reseller.allowedOrganizations", r.id(), tier);
        organizations.forEach(o -> slots.add(organizationSlot));
        Slot userSlot = new Slot(resellerUsers(r.id()), "reseller.allowedUsers", r.id(), tier);
        users.forEach(u -> slots.add(userSlot));
        return slots;
    }

    /** Creates counters of owners created in this unit, each at its starting count, together. */
    void openAll(List<UsageCounters.NewCounter> counters) {
        this.counters.createAll(counters);
    }

    /** The slot an organization occupies in its reseller. */
    List<Slot> of(Organization organization) {
        ResellerId id = organization.resellerId();
        return id == null ? List.of()
                : List.of(new Slot(resellerOrganizations(id), "reseller.allowedOrganizations", id, tiers.chain(id)));
    }

    /** A reseller's counter of one kind, with its tier (the reseller and its ancestors). */
    Slot resellerSlot(Kind kind, Reseller reseller) {
        String quota = kind == Kind.RESELLER_USERS ? "reseller.allowedUsers" : "reseller.allowedOrganizations";
        return new Slot(new UsageCounter(kind, reseller.id().value()), quota, reseller.id(), tiers.chain(reseller));
    }

    static UsageCounter resellerUsers(ResellerId id) {
        return new UsageCounter(Kind.RESELLER_USERS, id.value());
    }

    static UsageCounter resellerOrganizations(ResellerId id) {
        return new UsageCounter(Kind.RESELLER_ORGANIZATIONS, id.value());
    }

    static UsageCounter resellerLicenses(ResellerId id) {
        return new UsageCounter(Kind.RESELLER_LICENSES, id.value());
    }

    /**
     * The slot a license issued by a reseller occupies: in its issuer's license count only. License
     * quotas are per reseller, not carved from a parent's, so the slot has no tier to go up.
     */
    Slot ofIssued(ResellerId issuer) {
        return new Slot(resellerLicenses(issuer), "reseller.allowedLicenses", issuer);
    }

    static UsageCounter organizationUsers(OrganizationId id) {
        return new UsageCounter(Kind.ORGANIZATION_USERS, id.value());
    }

    /** Creates an owner's counters, in the unit that creates the owner. */
    void open(UsageCounter counter, long limit) {
        counters.create(counter, limit);
    }

    /** Changes a cap, atomically with every concurrent take of the counter. */
    void setLimit(UsageCounter counter, long limit) {
        counters.setLimit(counter, limit);
    }

    /**
     * Locks a counter (until the unit ends) and reads it.
     *
     * @throws NotFoundException if its owner is gone
     */
    UsageCounters.Reservation hold(UsageCounter counter) {
        return counters.tryAdd(counter, 0).orElseThrow(() -> ownerGone(counter));
    }

    /**
     * Takes every slot, in lock order, or refuses with the first cap that is used up.
     *
     * @throws NotFoundException if a counter's owner was deleted meanwhile
     */
    void take(List<Slot> slots, Target target) {
        apply(slots, List.of(), target);
    }

    /**
     * Takes every slot, those of one counter together: one add of their number per counter (and
     * on up the tiers), refused as a whole where it does not fit. For a bulk create.
     */
    void takeAll(List<Slot> slots, Target target) {
        Map<UsageCounter, Change> merged = new LinkedHashMap<>();
        long order = 0;
        for (Slot s : slots) {
            merged.merge(s.counter(), new Change(s, 1, order++),
                    (was, one) -> new Change(was.slot(), was.amount() + 1, was.order()));
        }
        apply(List.of(), List.of(), target, merged.values().toArray(Change[]::new));
    }

    /**
     * Adds {@code amount} (negative: frees it) to a reseller's counter, and on up its tiers while
     * the counter changed is uncapped; a positive amount past a cap is refused.
     */
    void add(Slot slot, long amount, Target target) {
        apply(List.of(), List.of(), target, new Change(slot, amount, 0));
    }

    /** Moves from one set of slots to another, in lock order: frees what is left, takes what is new. */
    void move(List<Slot> from, List<Slot> to, Target target) {
        apply(to.stream().filter(s -> !holds(from, s)).toList(), from.stream().filter(s -> !holds(to, s)).toList(),
                target);
    }

    /**
     * Frees {@code released} and takes {@code taken}, all in one pass in lock order, counting a
     * counter named n times n times (a transfer frees and takes one slot per moved row).
     *
     * @throws NotFoundException if a counter's owner was deleted meanwhile
     */
    void exchange(List<Slot> released, List<Slot> taken, Target target) {
        apply(taken, released, target);
    }

    private static boolean holds(List<Slot> slots, Slot slot) {
        return slots.stream().anyMatch(s -> s.counter().equals(slot.counter()));
    }

    /**
     * Frees every slot, in lock order.
     *
     * @throws ConflictException of kind IN_USE if the last admin would go
     */
    void release(List<Slot> slots) {
        apply(List.of(), slots, null);
    }

    /** Takes {@code taken} and frees {@code released}, and whatever they send up the tiers, in lock order. */
    private void apply(List<Slot> taken, List<Slot> released, Target target, Change... more) {
        PriorityQueue<Change> queue = new PriorityQueue<>(LOCK_ORDER);
        long order = 0;
        for (Slot s : released) {
            queue.add(new Change(s, -1, order++));
        }
        for (Slot s : taken) {
            queue.add(new Change(s, 1, order++));
        }
        for (Change c : more) {
            queue.add(new Change(c.slot(), c.amount(), order++));
        }
        while (!queue.isEmpty()) {
            Change c = queue.poll();
            UsageCounter counter = c.slot().counter();
            if (counter.kind() == Kind.ADMINS && c.amount() < 0) {
                if (!counters.tryDecrement(counter, 1)) {
                    throw new ConflictException(ConflictException.Kind.IN_USE,
                            "the last admin cannot be deleted or demoted");
                }
                continue;
            }
            // One slot (the common case) by the plain increment; carving and freeing by the general add.
            UsageCounters.Reservation r = (c.amount() == 1 ? counters.tryIncrement(counter)
                    : counters.tryAdd(counter, c.amount())).orElseThrow(() -> ownerGone(counter));
            if (!r.granted()) {
                if (c.amount() > 0) {
                    throw OperationRunner.quotaExceeded(target, c.slot().reseller(), c.slot().quota(), r.limit(),
                            r.usage());
                }
                // Rows and counters change in one unit, so this means they disagreed before: drift.
                LOG.warn("usage counter {} of {} was below {} when slots were freed: counter drift",
                        counter.kind(), counter.ownerId(), -c.amount());
                continue;
            }
            Slot up = c.slot().parent();
            if (up != null && r.limit() == -1 && c.amount() != 0) {
                // Uncapped: what it holds counts at its parent's tier too.
                queue.add(new Change(up, c.amount(), order++));
            }
        }
    }

    /** A counter's value. */
    long usage(UsageCounter counter) {
        return counters.usage(counter);
    }

    /** Removes the counters a deleted owner had. */
    void close(UsageCounter... owned) {
        for (UsageCounter c : owned) {
            counters.remove(c);
        }
    }

    private static NotFoundException ownerGone(UsageCounter c) {
        return new NotFoundException(c.kind() == Kind.ORGANIZATION_USERS ? "organization" : "reseller", c.ownerId());
    }
}
