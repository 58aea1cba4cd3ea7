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

    /** The vendor's rights reach everywhere; nothing is narrowed for it. */
    static boolean unrestricted(Actor actor) {
        return actor.role() == Role.ADMIN;
    }

    /** The resellers a restricted actor's rights reach. */
    static Set<ResellerId> resellers(Actor actor) {
        return actor.resellerId() == null ? Set.of() : Set.of(actor.resellerId());
    }

    /** The organizations a restricted actor's rights reach. */
    static Set<OrganizationId> organizations(Actor actor) {
        return actor.organizationId() == null ? Set.of() : Set.of(actor.organizationId());
    }

    /**
     * A list filter narrowed to what is visible: no filter becomes "the visible ones"; a filter
     * inside them stays. Null if the filter reaches outside.
     */
    static <T> Set<T> narrow(Set<T> requested, Set<T> visible) {
        if (requested == null) {
            return visible;
        }
        return visible.containsAll(requested) ? requested : null;
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
