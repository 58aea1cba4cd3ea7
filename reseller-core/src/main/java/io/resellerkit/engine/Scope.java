package io.resellerkit.engine;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import java.util.Optional;
import java.util.Set;

/**
 * Which resellers and organizations an actor's rights reach, for single resources and for
 * lists. This is the one place that knows it. What each role may do inside its reach is
 * {@link PermissionPolicy}'s table. A reseller's staff, whatever their kind, reach their reseller
 * and every reseller below it, at any depth ({@link Actor#subtree()}, loaded per call); never
 * their parent or a sibling. A reseller as a thing to manage (change, suspend, delete) sits in its
 * parent ({@link Target#managedReseller}), so staff reach the resellers below theirs but not their own.
 */
final class Scope {
    private Scope() {
    }

    /** True if the actor's rights reach into this reseller. */
    static boolean coversReseller(Actor actor, ResellerId reseller) {
        // The actor's own (existing) reseller first: it needs no look at the subtree.
        boolean own = reseller != null && reseller.equals(actor.resellerId())
                && (actor.reseller() != null || !PermissionPolicy.isResellerStaff(actor.role()));
        return actor.role() == Role.ADMIN || own || (reseller != null && ownResellers(actor).contains(reseller));
    }

    /** True if the actor's rights reach into this organization. */
    static boolean coversOrganization(Actor actor, OrganizationId organization) {
        return actor.role() == Role.ADMIN
                || (organization != null && organization.equals(actor.organizationId()));
    }

    /** True if the target sits where the actor's role works: its reseller, or its organization. */
    static boolean covers(Actor actor, Target target) {
        return switch (actor.role()) {
            case ADMIN -> true;
            case RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY ->
                    coversReseller(actor, target.resellerId());
            case ORGANIZATION_ADMIN -> coversOrganization(actor, target.organizationId());
            case USER -> actor.id().equals(target.userId());
        };
    }

    /** A list of resellers narrowed to what the actor may see; empty if the query asks for more. */
    static Optional<ResellerQuery> resellers(Actor a, ResellerQuery q) {
        Narrowing n = new Narrowing(a);
        return n.result(q.withIds(n.within(q.ids(), ownResellers(a))));
    }

    /** A list of users narrowed to what the actor may see; empty if the query asks for more. */
    static Optional<UserQuery> users(Actor a, UserQuery q) {
        Narrowing n = new Narrowing(a);
        return switch (a.role()) {
            case ADMIN, RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY -> n.result(q.withResellerIds(n.within(q.resellerIds(), ownResellers(a))));
            case ORGANIZATION_ADMIN -> n.result(q.withResellerIds(n.checked(q.resellerIds(), ownResellers(a)))
                    .withOrganizationIds(n.within(q.organizationIds(), ownOrganizations(a))));
            case USER -> n.result(q.withIds(n.within(q.ids(), Set.of(a.id()))));
        };
    }

    /** A list of organizations narrowed to what the actor may see; empty if the query asks for more. */
    static Optional<OrganizationQuery> organizations(Actor a, OrganizationQuery q) {
        Narrowing n = new Narrowing(a);
        return switch (a.role()) {
            case ADMIN, RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY -> n.result(q.withResellerIds(n.within(q.resellerIds(), ownResellers(a))));
            case ORGANIZATION_ADMIN, USER -> n.result(q.withResellerIds(n.checked(q.resellerIds(), ownResellers(a)))
                    .withIds(n.within(q.ids(), ownOrganizations(a))));
        };
    }

    /**
     * A list of licenses narrowed to what the actor may see: its reseller's, its organization's,
     * or its own; empty if the query asks for more.
     */
    static Optional<LicenseQuery> licenses(Actor a, LicenseQuery q) {
        Narrowing n = new Narrowing(a);
        return switch (a.role()) {
            case ADMIN, RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY -> n.result(q.withResellerIds(n.within(q.resellerIds(), ownResellers(a))));
            case ORGANIZATION_ADMIN -> n.result(q.withResellerIds(n.checked(q.resellerIds(), ownResellers(a)))
                    .withAssignedOrganizations(n.within(q.assignedOrganizations(), ownOrganizations(a))));
            case USER -> n.result(q.withResellerIds(n.checked(q.resellerIds(), ownResellers(a)))
                    .withAssignedUsers(n.within(q.assignedUsers(), Set.of(a.id()))));
        };
    }

    /** An audit query narrowed to the events of the actor's resellers; empty if it asks for more. */
    static Optional<AuditQuery> audit(Actor a, AuditQuery q) {
        Narrowing n = new Narrowing(a);
        return n.result(q.withResellerIds(n.within(q.resellerIds(), ownResellers(a))));
    }

    /** A reseller's staff: their subtree; an organization admin or user: the reseller they belong to. */
    private static Set<ResellerId> ownResellers(Actor actor) {
        if (PermissionPolicy.isResellerStaff(actor.role())) {
            return actor.subtree();
        }
        return actor.resellerId() == null ? Set.of() : Set.of(actor.resellerId());
    }

    private static Set<OrganizationId> ownOrganizations(Actor actor) {
        return actor.organizationId() == null ? Set.of() : Set.of(actor.organizationId());
    }

    /**
     * Narrows one query's filters, remembering whether any asked for more than is visible.
     * The vendor's queries stay as they are.
     */
    private static final class Narrowing {
        private final boolean unrestricted;
        private boolean outside;

        Narrowing(Actor actor) {
            this.unrestricted = actor.role() == Role.ADMIN;
        }

        /** No filter becomes "the visible ones"; a filter inside them stays; one reaching outside is marked. */
        <T> Set<T> within(Set<T> requested, Set<T> visible) {
            if (unrestricted) {
                return requested;
            }
            if (requested == null) {
                return visible;
            }
            outside |= !visible.containsAll(requested);
            return requested;
        }

        /** A filter that another one already scopes: no filter stays none; one reaching outside is marked. */
        <T> Set<T> checked(Set<T> requested, Set<T> visible) {
            return requested == null ? null : within(requested, visible);
        }

        <Q> Optional<Q> result(Q query) {
            return outside ? Optional.empty() : Optional.of(query);
        }
    }

    /** Where the actor's role works, for messages. */
    static String describe(Actor actor) {
        return switch (actor.role()) {
            case RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY -> "its own reseller";
            case ORGANIZATION_ADMIN -> "its own organization";
            default -> "what is its own";
        };
    }
}
