package io.resellerkit;

import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.query.OrganizationQuery;

/**
 * Manages organizations (customer companies). The vendor manages all; a reseller admin
 * manages its own reseller's; an organization admin reads its own.
 */
public interface OrganizationService {
    /**
     * Creates an organization, taking a slot in its reseller's {@code allowedOrganizations}.
     *
     * @throws QuotaExceededException if the cap is used up; nothing is written
     */
    Organization create(RequestContext context, CreateOrganization command);

    /** Reads an organization. */
    Organization get(RequestContext context, OrganizationId id);

    /**
     * Changes an organization; fields left null stay as they are. Lowering its
     * {@code allowedUsers} below today's use deletes nothing.
     */
    Organization update(RequestContext context, OrganizationId id, UpdateOrganization command);

    /**
     * Deletes an organization that has no users and no licenses assigned, freeing its slot.
     *
     * @throws ConflictException of kind IN_USE while it has either
     */
    void delete(RequestContext context, OrganizationId id);

    /**
     * Deletes the organization if its stored version is {@code expectedVersion}, as {@link #delete(RequestContext, OrganizationId)}.
     *
     * @throws ConflictException of kind STALE_VERSION if the stored version differs
     */
    void delete(RequestContext context, OrganizationId id, long expectedVersion);

    /**
     * Lists organizations, oldest first. A reseller admin sees its own reseller's; an
     * organization admin its own.
     */
    Page<Organization> list(RequestContext context, OrganizationQuery query, PageRequest page);
}
