package io.resellerkit.testkit;

import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything a storage holds, read through its ports, to prove what a call did or did not change. */
public record Snapshot(List<Reseller> resellers, List<User> users, List<Organization> organizations,
                       List<License> licenses, Map<String, Long> counters, List<AuditEvent> events,
                       List<AccessGrant> grants) {

    /** Reads the whole storage in one read unit. */
    public static Snapshot of(Storage s) {
        return s.unitOfWork().read(() -> {
            List<Reseller> resellers = all(after -> s.resellers().find(ResellerQuery.all(), after, 100),
                    r -> new Keyset(r.createdAt(), r.id().value()));
            List<Organization> orgs = all(after -> s.organizations().find(OrganizationQuery.all(), after, 100),
                    o -> new Keyset(o.createdAt(), o.id().value()));
            Map<String, Long> counters = new TreeMap<>();
            count(s, counters, new UsageCounter(UsageCounter.Kind.ADMINS, "vendor"));
            for (Reseller r : resellers) {
                count(s, counters, new UsageCounter(UsageCounter.Kind.RESELLER_USERS, r.id().value()));
                count(s, counters, new UsageCounter(UsageCounter.Kind.RESELLER_ORGANIZATIONS, r.id().value()));
                count(s, counters, new UsageCounter(UsageCounter.Kind.RESELLER_LICENSES, r.id().value()));
            }
            for (Organization o : orgs) {
                count(s, counters, new UsageCounter(UsageCounter.Kind.ORGANIZATION_USERS, o.id().value()));
            }
            List<AuditEvent> events = all(after -> s.auditTrail().find(AuditQuery.all(), after, 100),
                    e -> new Keyset(e.occurredAt(), e.id().value()));
            return new Snapshot(resellers,
                    all(after -> s.users().find(UserQuery.all(), after, 100), u -> new Keyset(u.createdAt(), u.id().value())),
                    orgs,
                    all(after -> s.licenses().find(LicenseQuery.all(), after, 100),
                            l -> new Keyset(l.createdAt(), l.id().value())),
                    counters, events, orgs.stream().flatMap(o -> s.accessGrants().findByOrganization(o.id()).stream())
                            .toList());
        });
    }

    /** The same state with the audit trail left out. */
    public Snapshot withoutEvents() {
        return new Snapshot(resellers, users, organizations, licenses, counters, List.of(), grants);
    }

    /** Events stored after {@code earlier} was taken, newest first. */
    public List<AuditEvent> eventsSince(Snapshot earlier) {
        return events.subList(0, events.size() - earlier.events.size());
    }

    private static void count(Storage s, Map<String, Long> counters, UsageCounter c) {
        counters.put(c.kind() + "/" + c.ownerId(), s.usageCounters().usage(c));
    }

    private static <T> List<T> all(java.util.function.Function<Keyset, List<T>> page,
                                   java.util.function.Function<T, Keyset> position) {
        List<T> all = new ArrayList<>();
        Keyset after = null;
        while (true) {
            List<T> rows = page.apply(after);
            all.addAll(rows);
            if (rows.size() < 100) {
                return all;
            }
            after = position.apply(rows.get(rows.size() - 1));
        }
    }
}
