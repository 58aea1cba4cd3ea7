package io.resellerkit;

import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounter.Kind;
import io.resellerkit.spi.UsageCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * Quota arithmetic: which counters a resource occupies, under which caps. Taking a slot is one
 * atomic check-and-increment in storage, inside the operation's unit of work, so a refused
 * create writes nothing and a cap holds under any concurrency.
 */
final class Quotas {
    /** One counter a resource occupies, with the cap that applies to it. */
    record Slot(UsageCounter counter, long limit, String quota, Reseller reseller) {
    }

    private final UsageCounters counters;

    Quotas(UsageCounters counters) {
        this.counters = counters;
    }

    /**
     * The slots a user occupies: its reseller's customer-user count (staff do not count) and its
     * organization's user count. Always in this order, so concurrent takers lock alike.
     */
    static List<Slot> of(User user, Reseller reseller, Organization organization) {
        List<Slot> slots = new ArrayList<>(2);
        if (reseller != null && user.role() != Role.RESELLER_ADMIN) {
            slots.add(new Slot(new UsageCounter(Kind.RESELLER_USERS, reseller.id().value()),
                    reseller.allowedUsers(), "reseller.allowedUsers", reseller));
        }
        if (organization != null) {
            slots.add(new Slot(new UsageCounter(Kind.ORGANIZATION_USERS, organization.id().value()),
                    organization.allowedUsers(), "organization.allowedUsers", reseller));
        }
        return slots;
    }

    /** The slot an organization occupies in its reseller. */
    static List<Slot> of(Organization organization, Reseller reseller) {
        return reseller == null ? List.of()
                : List.of(new Slot(new UsageCounter(Kind.RESELLER_ORGANIZATIONS, reseller.id().value()),
                        reseller.allowedOrganizations(), "reseller.allowedOrganizations", reseller));
    }

    /** Takes every slot, or refuses with the first cap that is used up. */
    void take(List<Slot> slots, Target target) {
        for (Slot slot : slots) {
            UsageCounters.Reservation r = counters.tryIncrement(slot.counter(), slot.limit());
            if (!r.granted()) {
                throw OperationRunner.quotaExceeded(target, slot.reseller() == null ? null : slot.reseller().id(),
                        slot.quota(), slot.limit(), r.usage());
            }
        }
    }

    /** Frees every slot. */
    void release(List<Slot> slots) {
        slots.forEach(s -> counters.decrement(s.counter()));
    }

    /** A counter's value. */
    long usage(UsageCounter counter) {
        return counters.usage(counter);
    }

    /** Forgets the counters a deleted owner had. */
    void forget(UsageCounter... owned) {
        for (UsageCounter c : owned) {
            counters.remove(c);
        }
    }
}
