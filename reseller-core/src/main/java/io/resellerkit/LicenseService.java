package io.resellerkit;

import io.resellerkit.command.CreateLicense;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;

/**
 * Manages licenses. The vendor creates, allocates, suspends and revokes them; a reseller admin
 * assigns its reseller's licenses to its own users and organizations and takes them back;
 * organization admins and users read the licenses assigned to them.
 */
public interface LicenseService {
    /**
     * Creates a license, allocated to a reseller if one is given.
     *
     * @throws ConflictException of kind DUPLICATE if the key is taken
     */
    License create(RequestContext context, CreateLicense command);

    /** Reads a license. */
    License get(RequestContext context, LicenseId id);

    /**
     * Allocates an unallocated license to a reseller, or takes it back from its reseller (null).
     * A license moves between resellers in two steps, so that each reseller's own trail shows it
     * arriving and leaving.
     *
     * @throws ConflictException of kind INVALID_STATE if it is assigned, revoked, or allocated to
     *                           another reseller
     */
    License allocate(RequestContext context, LicenseId id, ResellerId resellerId);

    /**
     * Assigns a license to a user of the reseller it is allocated to (or, for an unallocated
     * license, to a direct customer of the vendor), in place of any earlier assignee.
     */
    License assignToUser(RequestContext context, LicenseId id, UserId userId);

    /**
     * Assigns a license to an organization of the reseller it is allocated to (or, for an
     * unallocated license, to a direct customer of the vendor), in place of any earlier assignee.
     */
    License assignToOrganization(RequestContext context, LicenseId id, OrganizationId organizationId);

    /** Takes a license back from its assignee. */
    License unassign(RequestContext context, LicenseId id);

    /** Suspends a license; it stays assigned. */
    License suspend(RequestContext context, LicenseId id);

    /** Lifts a license's suspension. */
    License unsuspend(RequestContext context, LicenseId id);

    /** Revokes a license for good: it can no longer be assigned, allocated or unsuspended. */
    License revoke(RequestContext context, LicenseId id);

    /**
     * Lists licenses, oldest first. A reseller admin sees its reseller's; an organization
     * admin those assigned to its organization; a user those assigned to it.
     */
    Page<License> list(RequestContext context, LicenseQuery query, PageRequest page);
}
