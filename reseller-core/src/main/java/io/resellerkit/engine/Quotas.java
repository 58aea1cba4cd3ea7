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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota arithmetic: which counters a resource occupies. Each counter keeps its cap beside its
 * count, so taking a slot is one atomic check-and-increment in storage, inside the operation's
 * unit of work: a refused create writes nothing, a cap holds under any concurrency, and a cap
 * lowered while creates run is never overrun. The vendor's admins are counted too, so that
 * "keep at least one admin" is the same kind of atomic step.
 *
 * <p>Lock order, in every write: the resource's own row, then its audit event, then counters in
 * the order of their kinds ({@link Kind}), then of their owners' ids (two moves in opposite
 * directions must not deadlock). Counters come last because they are the contended rows.
 */
final class Quotas {
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);
    /** The one counter of the vendor's admins. */
    static final UsageCounter ADMINS = new UsageCounter(Kind.ADMINS, "vendor");

    /** One counter a resource occupies; {@code reseller} is the one a refusal's event concerns. */
    record Slot(UsageCounter counter, String quota, ResellerId reseller) {
    }

    private final UsageCounters counters;

    Quotas(UsageCounters counters) {
        this.counters = counters;
    }

    /**
     * The slots a user occupies: the vendor's admin count for an admin, its reseller's
     * customer-user count (staff do not count) and its organization's user count.
     */
    static List<Slot> of(User user, Reseller reseller, Organization organization) {
        List<Slot> slots = new ArrayList<>(2);
        if (user.role() == Role.ADMIN) {
            slots.add(new Slot(ADMINS, "admins", null));
        }
        if (reseller != null && !PermissionPolicy.isResellerStaff(user.role())) {
            slots.add(new Slot(resellerUsers(reseller.id()), "reseller.allowedUsers", reseller.id()));
        }
        if (organization != null) {
            slots.add(new Slot(organizationUsers(organization.id()), "organization.allowedUsers",
                    reseller == null ? null : reseller.id()));
        }
        return slots;
    }

    /** The slot an organization occupies in its reseller. */
    static List<Slot> of(Organization organization) {
        ResellerId reseller = organization.resellerId();
        return reseller == null ? List.of()
                : List.of(new Slot(resellerOrganizations(reseller), "reseller.allowedOrganizations", reseller));
    }

    static UsageCounter resellerUsers(ResellerId id) {
        return new UsageCounter(Kind.RESELLER_USERS, id.value());
    }

    static UsageCounter resellerOrganizations(ResellerId id) {
        return new UsageCounter(Kind.RESELLER_ORGANIZATIONS, id.value());
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
     * Takes every slot, in lock order, or refuses with the first cap that is used up.
     *
     * @throws NotFoundException if a counter's owner was deleted meanwhile
     */
    void take(List<Slot> slots, Target target) {
        for (Slot slot : inLockOrder(slots)) {
            Optional<UsageCounters.Reservation> taken = counters.tryIncrement(slot.counter());
            if (taken.isEmpty()) {
                throw ownerGone(slot.counter());
            }
            UsageCounters.Reservation r = taken.get();
            if (!r.granted()) {
                throw OperationRunner.quotaExceeded(target, slot.reseller(), slot.quota(), r.limit(), r.usage());
            }
        }
    }

    /** Moves from one set of slots to another, in lock order: frees what is left, takes what is new. */
    void move(List<Slot> from, List<Slot> to, Target target) {
        List<Slot> all = new ArrayList<>(from);
        all.addAll(to);
        for (Slot slot : inLockOrder(all)) {
            boolean had = holds(from, slot);
            boolean needs = holds(to, slot);
            if (had && !needs) {
                release(List.of(slot));
            } else if (needs && !had) {
                take(List.of(slot), target);
            }
        }
    }

    /**
     * Frees {@code released} and takes {@code taken}, all in one pass in lock order, counting a
     * counter named n times n times (a transfer frees and takes one slot per moved row).
     *
     * @throws NotFoundException if a counter's owner was deleted meanwhile
     */
    void exchange(List<Slot> released, List<Slot> taken, Target target) {
        List<Slot> all = new ArrayList<>(released);
        all.addAll(taken);
        for (Slot slot : inLockOrder(all)) {
            if (released.stream().anyMatch(s -> s == slot)) {
                release(List.of(slot));
            } else {
                take(List.of(slot), target);
            }
        }
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
        for (Slot slot : inLockOrder(slots)) {
            UsageCounter c = slot.counter();
            if (c.kind() == Kind.ADMINS) {
                if (!counters.tryDecrement(c, 1)) {
                    throw new ConflictException(ConflictException.Kind.IN_USE,
                            "the last admin cannot be deleted or demoted");
                }
            } else if (!counters.tryDecrement(c, 0)) {
                // Rows and counters change in one unit, so this means they disagreed before: drift.
                LOG.warn("usage counter {} of {} was already 0 when a slot was freed: counter drift",
                        c.kind(), c.ownerId());
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

    private static List<Slot> inLockOrder(List<Slot> slots) {
        return slots.size() < 2 ? slots
                : slots.stream().sorted(Comparator.comparing((Slot s) -> s.counter().kind())
                        .thenComparing(s -> s.counter().ownerId())).toList();
    }

    private static NotFoundException ownerGone(UsageCounter c) {
        return new NotFoundException(c.kind() == Kind.ORGANIZATION_USERS ? "organization" : "reseller", c.ownerId());
    }
}
