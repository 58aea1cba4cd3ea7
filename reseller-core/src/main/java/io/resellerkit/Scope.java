package io.resellerkit;

import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import java.util.Set;

/**
 * Which resellers and organizations an actor's rights reach. This is the one place that
 * knows it: a multi-tier channel (a parent reseller's admins see their whole subtree) changes
 * this class only.
 */
final class Scope {
    private Scope() {
    }

    /** True if the actor's rights reach into this reseller. */
    static boolean coversReseller(Actor actor, ResellerId reseller) {
        return actor.role() == Role.ADMIN || (reseller != null && reseller.equals(actor.resellerId()));
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
            case RESELLER_ADMIN -> coversReseller(actor, target.resellerId());
            case ORGANIZATION_ADMIN -> coversOrganization(actor, target.organizationId());
            case USER -> actor.id().equals(target.userId());
        };
    }

    /**
     * The resellers a list may read for this actor: {@code requested} narrowed to the actor's
     * scope (null means every reseller). Null if the request reaches outside the scope.
     */
    static Set<ResellerId> resellers(Actor actor, Set<ResellerId> requested) {
        if (actor.role() == Role.ADMIN) {
            return requested;
        }
        return narrow(requested, actor.resellerId());
    }

    /** The same for an organization admin's organizations. */
    static Set<OrganizationId> organizations(Actor actor, Set<OrganizationId> requested) {
        return narrow(requested, actor.organizationId());
    }

    /** A requested filter narrowed to the one value the actor may see; null if it asks for more. */
    static <T> Set<T> narrow(Set<T> requested, T own) {
        if (own == null) {
            return null;
        }
        if (requested == null) {
            return Set.of(own);
        }
        return Set.of(own).containsAll(requested) ? requested : null;
    }

    /** Where the actor's role works, for messages. */
    static String describe(Actor actor) {
        return switch (actor.role()) {
            case RESELLER_ADMIN -> "its own reseller";
            case ORGANIZATION_ADMIN -> "its own organization";
            default -> "what is its own";
        };
    }
}
