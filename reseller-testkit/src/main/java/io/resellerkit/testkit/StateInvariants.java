package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Entity;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.UsageCounter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What holds of a whole storage at any quiet moment, however many calls ran before and in
 * whatever order, checked on a {@link Snapshot} by rules written apart from the core:
 * <ul>
 *   <li>every usage counter equals the live rows it counts (the admins' counter too), at every
 *       tier: a reseller's counter holds its own rows plus, for each child reseller, the child's
 *       cap, or, for an uncapped child, the child's own count (slots equal rows at every tier);</li>
 *   <li>a reseller with a parent never holds more than its cap (caps hold at every tier: so a
 *       parent's children's caps plus its own use never exceed its cap);</li>
 *   <li>at least one admin remains;</li>
 *   <li>no row points to a row that is gone, and every user sits where its role says;</li>
 *   <li>the audit trail, replayed from the first event, gives exactly the stored rows, and
 *       every event's old values are what the trail said before it (a change without its event,
 *       or an event without its change, breaks the replay);</li>
 *   <li>no counter is above the highest cap its owner ever had (a cap lowered below use may
 *       leave use above today's cap, never above every cap there was).</li>
 * </ul>
 * It assumes the storage started empty, so that every row has its {@code *.created} event.
 */
final class StateInvariants {
    /** The roles of a reseller's staff: placed in a reseller, in no organization, taking no customer-user slot. */
    static final Set<Role> RESELLER_STAFF = Set.of(Role.RESELLER_ADMIN, Role.RESELLER_SALES, Role.RESELLER_SUPPORT,
            Role.RESELLER_READ_ONLY);

    private StateInvariants() {
    }

    /** Asserts every invariant; {@code at} says where, in failure messages. */
    static void assertHold(Snapshot s, String at) {
        assertCountersEqualLiveRows(s, at);
        assertTrue(s.users().stream().anyMatch(u -> u.role() == Role.ADMIN), at + ": no admin is left");
        assertNoOrphans(s, at);
        Replay replay = Replay.of(s.events(), at);
        assertEquals(storedRows(s), replay.rows, at + ": the audit trail, replayed, differs from the rows");
        assertNoCounterAboveItsHighestCap(s, replay, at);
    }

    /** A counter's value in a snapshot (0 if there is none). */
    static long counter(Snapshot s, UsageCounter.Kind kind, String owner) {
        return s.counters().getOrDefault(kind + "/" + owner, 0L);
    }

    /** Whether an event records a refusal rather than a change. */
    static boolean isRefusal(AuditEvent e) {
        return e.action() == AuditAction.ACCESS_DENIED || e.action() == AuditAction.QUOTA_EXCEEDED;
    }

    /** Every counter equals the rows it counts: the reference rule, from DOMAIN.md, and the tier rule. */
    private static void assertCountersEqualLiveRows(Snapshot s, String at) {
        long admins = s.users().stream().filter(u -> u.role() == Role.ADMIN).count();
        assertEquals(admins, counter(s, UsageCounter.Kind.ADMINS, "vendor"), at + ": admins");
        for (Reseller r : s.resellers()) {
            assertEquals(tierUsers(s, r), counter(s, UsageCounter.Kind.RESELLER_USERS, r.id().value()),
                    at + ": users of " + r.name());
            assertEquals(tierOrganizations(s, r), counter(s, UsageCounter.Kind.RESELLER_ORGANIZATIONS, r.id().value()),
                    at + ": organizations of " + r.name());
            // Licenses the reseller issued itself, wherever they went since and revoked or not; never a tier's.
            long issued = s.licenses().stream().filter(l -> r.id().equals(l.issuedBy())).count();
            assertEquals(issued, counter(s, UsageCounter.Kind.RESELLER_LICENSES, r.id().value()),
                    at + ": licenses issued by " + r.name());
            if (r.parentId() != null) {
                assertAtMost(r.allowedUsers() == -1 ? Long.MAX_VALUE : r.allowedUsers(), tierUsers(s, r),
                        at + ": users at the tier of " + r.name());
                assertAtMost(r.allowedOrganizations() == -1 ? Long.MAX_VALUE : r.allowedOrganizations(),
                        tierOrganizations(s, r), at + ": organizations at the tier of " + r.name());
            }
        }
        for (Organization o : s.organizations()) {
            long members = s.users().stream().filter(u -> o.id().equals(u.organizationId())).count();
            assertEquals(members, counter(s, UsageCounter.Kind.ORGANIZATION_USERS, o.id().value()),
                    at + ": users of " + o.name());
        }
    }

    /**
     * What a reseller's users counter must hold: its live customer users, plus per child reseller
     * the child's cap, or what the child's tier holds if it is uncapped.
     */
    static long tierUsers(Snapshot s, Reseller r) {
        long own = s.users().stream().filter(u -> r.id().equals(u.resellerId()))
                .filter(u -> !RESELLER_STAFF.contains(u.role())).count();
        for (Reseller child : children(s, r)) {
            own += child.allowedUsers() == -1 ? tierUsers(s, child) : child.allowedUsers();
        }
        return own;
    }

    /** As {@link #tierUsers}, for organizations. */
    static long tierOrganizations(Snapshot s, Reseller r) {
        long own = s.organizations().stream().filter(o -> r.id().equals(o.resellerId())).count();
        for (Reseller child : children(s, r)) {
            own += child.allowedOrganizations() == -1 ? tierOrganizations(s, child) : child.allowedOrganizations();
        }
        return own;
    }

    private static List<Reseller> children(Snapshot s, Reseller parent) {
        return s.resellers().stream().filter(c -> parent.id().equals(c.parentId())).toList();
    }

    /** Every reference leads to a live row of the same reseller; every user sits where its role says. */
    private static void assertNoOrphans(Snapshot s, String at) {
        Map<Object, Reseller> resellers = byId(s.resellers(), Reseller::id);
        Map<Object, Organization> orgs = byId(s.organizations(), Organization::id);
        Map<Object, User> users = byId(s.users(), User::id);
        for (Reseller r : s.resellers()) {
            assertTrue(r.parentId() == null || resellers.containsKey(r.parentId()), at + ": orphan " + r);
        }
        for (Organization o : s.organizations()) {
            assertTrue(o.resellerId() == null || resellers.containsKey(o.resellerId()), at + ": orphan " + o);
        }
        for (User u : s.users()) {
            assertTrue(u.resellerId() == null || resellers.containsKey(u.resellerId()), at + ": orphan " + u);
            if (u.organizationId() != null) {
                Organization o = orgs.get(u.organizationId());
                assertTrue(o != null, at + ": orphan " + u);
                assertEquals(o.resellerId(), u.resellerId(), at + ": user outside its organization's reseller " + u);
            }
            switch (u.role()) {
                case ADMIN -> assertTrue(u.resellerId() == null && u.organizationId() == null, at + ": placed admin " + u);
                case RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY ->
                        assertTrue(u.resellerId() != null && u.organizationId() == null, at + ": misplaced staff " + u);
                case ORGANIZATION_ADMIN -> assertTrue(u.organizationId() != null, at + ": organization admin without one " + u);
                case USER -> {
                }
            }
        }
        for (License l : s.licenses()) {
            assertTrue(l.resellerId() == null || resellers.containsKey(l.resellerId()), at + ": orphan " + l);
            if (l.assignedUser() != null) {
                User u = users.get(l.assignedUser());
                assertTrue(u != null, at + ": license assigned to a missing user " + l);
                assertEquals(l.resellerId(), u.resellerId(), at + ": license assigned outside its reseller " + l);
            }
            if (l.assignedOrganization() != null) {
                Organization o = orgs.get(l.assignedOrganization());
                assertTrue(o != null, at + ": license assigned to a missing organization " + l);
                assertEquals(l.resellerId(), o.resellerId(), at + ": license assigned outside its reseller " + l);
            }
        }
    }

    /**
     * A create or role change takes a slot only below the cap of that moment, so use never climbs
     * above the highest cap the owner ever had (which is today's cap unless a cap was lowered).
     */
    private static void assertNoCounterAboveItsHighestCap(Snapshot s, Replay replay, String at) {
        for (Reseller r : s.resellers()) {
            String id = r.id().value();
            assertAtMost(replay.highestCap("reseller/" + id + "/allowedUsers"),
                    counter(s, UsageCounter.Kind.RESELLER_USERS, id), at + ": users of " + r.name());
            assertAtMost(replay.highestCap("reseller/" + id + "/allowedOrganizations"),
                    counter(s, UsageCounter.Kind.RESELLER_ORGANIZATIONS, id), at + ": organizations of " + r.name());
            assertAtMost(replay.highestCap("reseller/" + id + "/allowedLicenses"),
                    counter(s, UsageCounter.Kind.RESELLER_LICENSES, id), at + ": licenses issued by " + r.name());
        }
        for (Organization o : s.organizations()) {
            String id = o.id().value();
            assertAtMost(replay.highestCap("organization/" + id + "/allowedUsers"),
                    counter(s, UsageCounter.Kind.ORGANIZATION_USERS, id), at + ": users of " + o.name());
        }
    }

    private static void assertAtMost(long highestCap, long usage, String what) {
        assertTrue(usage <= highestCap, what + ": " + usage + " in use, above every cap it ever had (at most "
                + highestCap + ")");
    }

    /** Every stored row as "type/id" to its audit fields, leaving out unset ones as the trail does. */
    private static Map<String, Map<String, String>> storedRows(Snapshot s) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        put(rows, "reseller", s.resellers());
        put(rows, "user", s.users());
        put(rows, "organization", s.organizations());
        put(rows, "license", s.licenses());
        return rows;
    }

    private static void put(Map<String, Map<String, String>> rows, String type, List<? extends Entity<?>> entities) {
        for (Entity<?> e : entities) {
            Map<String, String> fields = new TreeMap<>();
            e.auditFields().forEach((k, v) -> {
                if (v != null) {
                    fields.put(k, v);
                }
            });
            rows.put(type + "/" + e.id(), fields);
        }
    }

    private static <T> Map<Object, T> byId(List<T> rows, Function<T, Object> id) {
        return rows.stream().collect(Collectors.toMap(id, r -> r));
    }

    /** The rows the audit trail describes, and the highest cap each owner ever had. */
    private static final class Replay {
        private static final Set<String> CAPS = Set.of("allowedUsers", "allowedOrganizations", "allowedLicenses");
        private static final Set<String> ROW_TYPES = Set.of("reseller", "user", "organization", "license");
        final Map<String, Map<String, String>> rows = new TreeMap<>();
        final Map<String, Long> highestCaps = new HashMap<>();

        /** Replays the events (given newest first, as the trail lists them) oldest first. */
        static Replay of(List<AuditEvent> newestFirst, String at) {
            Replay r = new Replay();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                r.apply(newestFirst.get(i), at);
            }
            return r;
        }

        long highestCap(String ownerAndField) {
            return highestCaps.getOrDefault(ownerAndField, 0L);
        }

        private void apply(AuditEvent e, String at) {
            if (isRefusal(e)) {
                assertEquals(List.of(), e.changes(), at + ": a refusal records no changes " + e);
                return;
            }
            if (!ROW_TYPES.contains(e.resourceType())) {
                return; // transfer tokens and access grants: trail entries, not rows of the snapshot
            }
            String key = e.resourceType() + "/" + e.resourceId();
            String action = e.action().name();
            Map<String, String> row = rows.get(key);
            if (action.endsWith("_CREATED")) {
                assertNull(row, at + ": created twice " + e);
                row = new TreeMap<>();
                rows.put(key, row);
            } else if (row == null) {
                fail(at + ": an event for a row the trail does not know " + e);
            }
            assertTrue(!e.changes().isEmpty(), at + ": a change event without changes " + e);
            Map<String, String> current = row;
            if (action.endsWith("_TRANSFERRED") && e.changes().stream()
                    .allMatch(c -> Objects.equals(c.newValue(), current.get(c.field())))) {
                return; // a transfer is recorded in both resellers' trails: the second copy of the same move
            }
            for (FieldChange c : e.changes()) {
                assertEquals(c.oldValue(), row.get(c.field()),
                        at + ": the old value of " + c.field() + " is not the last one recorded, in " + e);
                if (c.newValue() == null) {
                    row.remove(c.field());
                } else {
                    row.put(c.field(), c.newValue());
                    if (CAPS.contains(c.field())) {
                        long cap = Long.parseLong(c.newValue());
                        highestCaps.merge(key + "/" + c.field(), cap == -1 ? Long.MAX_VALUE : cap, Math::max);
                    }
                }
            }
            if (action.endsWith("_DELETED")) {
                assertEquals(Map.of(), row, at + ": a delete event that does not record every field " + e);
                rows.remove(key);
            }
        }
    }
}
