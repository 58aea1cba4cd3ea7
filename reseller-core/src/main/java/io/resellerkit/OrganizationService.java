package io.resellerkit;

import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.TransferToken;
import io.resellerkit.model.User;
import io.resellerkit.query.OrganizationQuery;
import java.util.List;

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

    /**
     * Creates many customers of one reseller (organizations with their users) in one unit of
     * work: all or nothing. The same rules as single creates: each row validated (errors name the
     * row: {@code customers[12].users[3].email}), the same permissions (the actor may create
     * organizations and users of every role in the import there), one audit event per row, and
     * the quotas of the reseller, its tiers and each organization taken for the whole import in
     * one step, refused as a whole when it does not fit. Users are customers ({@code
     * organization-admin} or {@code user}); an email taken (in the import or stored) is refused
     * naming its row. No idempotency key: a repeated import is refused by its users' emails.
     *
     * @throws QuotaExceededException if the import does not fit a quota; nothing is written
     * @throws ConflictException of kind DUPLICATE naming the row whose email is taken
     */
    Imported importCustomers(RequestContext context, ImportCustomers command);

    /** What an import created, in the import's order (each organization's users after it). */
    record Imported(List<Organization> organizations, List<User> users) {
        public Imported {
            organizations = List.copyOf(organizations);
            users = List.copyOf(users);
        }
    }

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
     * Issues a token that lets the admin of reseller {@code toResellerId} move this organization
     * to its reseller once ({@link #transfer}), until it expires ({@code
     * ResellerKit.Builder#transferTokenTtl}, 7 days by default). The vendor, the organization's
     * reseller's admin and the organization's own organization-admin may issue one. The secret is
     * in the result only: storage keeps its SHA-256 hash. An idempotency key is not honoured here
     * (a replay could not show the secret again): every call issues a new token.
     *
     * @throws io.resellerkit.error.ValidationException naming {@code toResellerId} if it is the
     *                                                  organization's reseller already
     */
    TransferToken issueTransferToken(RequestContext context, OrganizationId id, ResellerId toResellerId);

    /**
     * Moves the organization, its users and the licenses of its reseller assigned to it or to
     * them, to reseller {@code toResellerId}, in one unit of work: their quota slots leave the old
     * reseller and are taken at the new one, and both resellers' trails get one event per moved
     * row. The vendor may transfer without a token ({@code token} null); the receiving reseller's
     * admin needs a token issued for this organization and this reseller, unused and unexpired,
     * which the transfer uses up.
     *
     * @throws AccessDeniedException   without the right, or with a token that is unknown, used,
     *                                 expired, or issued for another organization or reseller
     * @throws QuotaExceededException  if the receiver's caps cannot take the organization and its
     *                                 users; nothing is written and the token stays unused
     * @throws ConflictException       of kind STALE_VERSION if a user joined or left the organization
     *                                 while it was transferred; nothing is written, try again
     */
    Organization transfer(RequestContext context, OrganizationId id, ResellerId toResellerId, String token);

    /**
     * Lists organizations, oldest first. A reseller admin sees its own reseller's; an
     * organization admin its own.
     */
    Page<Organization> list(RequestContext context, OrganizationQuery query, PageRequest page);
}
