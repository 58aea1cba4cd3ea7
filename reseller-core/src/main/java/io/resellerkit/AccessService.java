package io.resellerkit;

import io.resellerkit.command.GrantAccess;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.OrganizationId;
import java.util.List;

/**
 * Time-bound delegated access (as Microsoft's GDAP): the vendor grants any user, or an
 * organization's admin grants its own reseller's staff, some permissions on one organization for
 * a period. A grant is checked at every call, at the moment of the check; it adds to what the
 * grantee's role allows, only inside that organization, only the granted operations, and never
 * the management of users above the {@code user} role. Every event written under a grant names
 * it ({@link io.resellerkit.model.AuditEvent#accessGrantId()}). Who may grant, revoke and list is
 * in README's permission table.
 */
public interface AccessService {

    /**
     * Grants access; its event {@code access.granted} concerns the organization's reseller.
     *
     * @throws io.resellerkit.error.AccessDeniedException if the actor may not grant on this
     *         organization, to this grantee (itself; for an organization admin, anyone but its
     *         reseller's staff), or lend a permission it does not hold there
     * @throws io.resellerkit.error.ValidationException if the period is empty, over, or too long
     * @throws io.resellerkit.error.NotFoundException if the organization or the grantee does not exist
     */
    AccessGrant grant(RequestContext context, GrantAccess command);

    /**
     * Revokes a grant at once; its event {@code access.revoked}.
     *
     * @throws io.resellerkit.error.ConflictException of kind INVALID_STATE if it was revoked already
     * @throws io.resellerkit.error.NotFoundException if there is no such grant
     */
    AccessGrant revoke(RequestContext context, String grantId);

    /** Every grant on the organization, revoked and expired ones too, oldest first. */
    List<AccessGrant> list(RequestContext context, OrganizationId organizationId);
}
