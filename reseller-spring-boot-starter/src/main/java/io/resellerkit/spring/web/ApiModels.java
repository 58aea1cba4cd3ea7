package io.resellerkit.spring.web;

import io.resellerkit.ResellerService;
import io.resellerkit.AuditVerification;
import io.resellerkit.AuditVerification.Break;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the HTTP API, as plain records: ids and enums are strings ({@code "reseller-admin"}),
 * times are ISO-8601, and field names follow Cryptlex's Web API v3 where it has one
 * ({@code allowedUsers}, {@code -1} for unlimited). In a request, a field left out is null: a create
 * refuses it where it is required, a PATCH keeps the stored value.
 */
public final class ApiModels {
    private ApiModels() {
    }

    /** One page of a list; pass {@code nextCursor} as {@code ?cursor=} for the next (null on the last page). */
    public record PageJson<T>(List<T> items, String nextCursor) {
    }

    /**
     * A reseller; {@code parentId}: the reseller it sells under, null for one directly under the vendor;
     * {@code allowedLicenses}: how many licenses its admins may issue themselves (0: none, -1: any).
     */
    public record ResellerJson(String id, String name, String email, String phone, String companyAddress,
                               int allowedUsers, int allowedOrganizations, String status, Instant contractEndsAt,
                               Map<String, String> metadata, long version, Instant createdAt, Instant updatedAt,
                               String parentId, int allowedLicenses) {
        static ResellerJson of(Reseller r) {
            return new ResellerJson(r.id().value(), r.name(), r.email(), r.phone(), r.companyAddress(),
                    r.allowedUsers(), r.allowedOrganizations(), r.status().code(), r.contractEndsAt(), r.metadata(),
                    r.version(), r.createdAt(), r.updatedAt(), r.parentId() == null ? null : r.parentId().value(),
                    r.allowedLicenses());
        }
    }

    /**
     * Creates a reseller; {@code allowedUsers} and {@code allowedOrganizations} are required, {@code -1} is
     * unlimited. {@code invited: true} starts it invited (its admins change nothing until reactivated);
     * {@code contractEndsAt}, if given, is when it starts to count as suspended; {@code parentId}, if given,
     * the reseller it sells under, whose caps its own are carved out of (fixed at creation).
     */
    public record CreateResellerJson(String name, String email, String phone, String companyAddress,
                                     Integer allowedUsers, Integer allowedOrganizations, Map<String, String> metadata,
                                     Boolean invited, Instant contractEndsAt, String parentId) {
    }

    /** The end of a reseller's contract; null: no end. */
    public record ContractEndJson(Instant contractEndsAt) {
    }

    /**
     * Changes a reseller: fields left out stay. The quotas are a change of their own (audited as
     * {@code reseller.quota.updated}): a PATCH changes either the details or the quotas, never both.
     * {@code allowedLicenses} (vendor only) lets the reseller's admins issue that many licenses themselves.
     */
    public record PatchResellerJson(String name, String email, String phone, String companyAddress,
                                    Integer allowedUsers, Integer allowedOrganizations, Map<String, String> metadata,
                                    Integer allowedLicenses) {
    }

    /** A reseller's quotas, their use, and each of its organizations' own. */
    public record UsageJson(long allowedUsers, long users, long allowedOrganizations, long organizations,
                            List<OrganizationUsageJson> organizationUsage, long allowedLicenses, long licenses) {
        static UsageJson of(ResellerService.Usage u, List<OrganizationUsageJson> organizations) {
            return new UsageJson(u.allowedUsers(), u.users(), u.allowedOrganizations(), u.organizations(), organizations,
                    u.allowedLicenses(), u.licenses());
        }
    }

    /** An organization's own cap and how many users it has. */
    public record OrganizationUsageJson(String organizationId, String name, long allowedUsers, long users) {
    }

    /** A user. */
    public record UserJson(String id, String firstName, String lastName, String email, String role,
                           String resellerId, String organizationId, Map<String, String> metadata, long version,
                           Instant createdAt, Instant updatedAt) {
        static UserJson of(User u) {
            return new UserJson(u.id().value(), u.firstName(), u.lastName(), u.email(), u.role().code(),
                    text(u.resellerId()), text(u.organizationId()), u.metadata(), u.version(), u.createdAt(),
                    u.updatedAt());
        }
    }

    /** Creates a user; {@code role} is one of {@code user, organization-admin, reseller-admin, admin}. */
    public record CreateUserJson(String firstName, String lastName, String email, String role, String resellerId,
                                 String organizationId, Map<String, String> metadata) {
    }

    /**
     * Changes a user: fields left out stay. A user's reseller does not change; {@code organizationId}
     * moves it to another organization of its reseller, its quota slot with it (as Cryptlex's PATCH).
     */
    public record PatchUserJson(String firstName, String lastName, String email, String role,
                                Map<String, String> metadata, String organizationId) {
    }

    /** An organization. */
    public record OrganizationJson(String id, String name, String email, String address, int allowedUsers,
                                   String resellerId, Map<String, String> metadata, long version, Instant createdAt,
                                   Instant updatedAt) {
        static OrganizationJson of(Organization o) {
            return new OrganizationJson(o.id().value(), o.name(), o.email(), o.address(), o.allowedUsers(),
                    text(o.resellerId()), o.metadata(), o.version(), o.createdAt(), o.updatedAt());
        }
    }

    /** Creates an organization; {@code allowedUsers} is required, {@code -1} is unlimited. */
    public record CreateOrganizationJson(String name, String email, String address, Integer allowedUsers,
                                         String resellerId, Map<String, String> metadata) {
    }

    /**
     * Imports customers into one reseller, all or nothing: each an organization (its
     * {@code resellerId} left out) with its users (their {@code resellerId} and
     * {@code organizationId} left out; role {@code organization-admin} or {@code user}).
     */
    public record ImportCustomersJson(String resellerId, List<ImportedCustomerJson> customers) {
    }

    /** One customer of an import. */
    public record ImportedCustomerJson(CreateOrganizationJson organization, List<CreateUserJson> users) {
    }

    /** What an import created, in the import's order. */
    public record ImportResultJson(List<OrganizationJson> organizations, List<UserJson> users) {
        static ImportResultJson of(io.resellerkit.OrganizationService.Imported done) {
            return new ImportResultJson(done.organizations().stream().map(OrganizationJson::of).toList(),
                    done.users().stream().map(UserJson::of).toList());
        }
    }

    /** Changes an organization: fields left out stay; an empty {@code address} clears it. */
    public record PatchOrganizationJson(String name, String email, String address, Integer allowedUsers,
                                        Map<String, String> metadata) {
    }

    /** {@code POST /organizations/{id}/transfer-tokens}: the reseller that may receive the organization. */
    /** A request to lend a user permissions (codes such as {@code user.read}) on one organization for a period. */
    public record GrantAccessJson(String granteeId, java.util.List<String> permissions, Instant validFrom,
                                  Instant validUntil) {
    }

    /** An access grant; {@code status} as of the response (pending, active, expired or revoked). */
    public record AccessGrantJson(String id, String organizationId, String granteeId, java.util.List<String> permissions,
                                  Instant validFrom, Instant validUntil, Instant revokedAt, String grantedBy,
                                  Instant createdAt, String status) {
        static AccessGrantJson of(io.resellerkit.model.AccessGrant g, Instant at) {
            return new AccessGrantJson(g.id(), g.organizationId().value(), g.granteeId().value(),
                    g.permissions().stream().map(io.resellerkit.model.AccessPermission::code).sorted().toList(),
                    g.validFrom(), g.validUntil(), g.revokedAt(), g.grantedBy().value(), g.createdAt(),
                    g.statusAt(at).name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A webhook endpoint to register: {@code eventTypes} are action codes (none: all), {@code resellerId} none for every event. */
    public record RegisterWebhookJson(String url, java.util.List<String> eventTypes, String resellerId) {
    }

    /** A webhook endpoint, without its secret. */
    public record WebhookJson(String id, String url, java.util.List<String> eventTypes, String resellerId,
                              Instant createdAt) {
        static WebhookJson of(io.resellerkit.webhook.WebhookEndpoint e) {
            return new WebhookJson(e.id(), e.url(), e.eventTypes().stream().sorted().toList(), text(e.resellerId()),
                    e.createdAt());
        }
    }

    /** A registered endpoint and its signing secret, shown this once. */
    public record RegisteredWebhookJson(WebhookJson endpoint, String secret) {
    }

    /** One delivery of the log, without its body. */
    public record WebhookDeliveryJson(String id, String endpointId, String eventId, String eventType, String state,
                                      int attempts, Instant nextAttemptAt, Instant lastAttemptAt, int lastStatus,
                                      String lastError, Instant createdAt) {
        static WebhookDeliveryJson of(io.resellerkit.spi.WebhookStore.StoredDelivery d) {
            return new WebhookDeliveryJson(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.state().code(),
                    d.attempts(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatus(), d.lastError(), d.createdAt());
        }
    }

    public record IssueTransferTokenJson(String toResellerId) {
    }

    /** A transfer token: {@code token} is the secret, shown this once; hand it to the receiving reseller. */
    public record TransferTokenJson(String id, String token, String organizationId, String toResellerId,
                                    Instant expiresAt) {
        static TransferTokenJson of(io.resellerkit.model.TransferToken t) {
            return new TransferTokenJson(t.id(), t.secret(), t.organizationId().value(), t.toResellerId().value(),
                    t.expiresAt());
        }
    }

    /** {@code POST /organizations/{id}/transfer}: the receiving reseller, and the token (none for the vendor). */
    public record TransferOrganizationJson(String toResellerId, String token) {
    }

    /**
     * A license; {@code userId} or {@code organizationId} names its assignee (at most one is set);
     * {@code issuedBy}: the reseller that issued it within its license quota, null if the vendor created it.
     */
    public record LicenseJson(String id, String key, String productId, int allowedActivations, Instant expiresAt,
                              boolean suspended, boolean revoked, String resellerId, String userId,
                              String organizationId, Map<String, String> metadata, long version, Instant createdAt,
                              Instant updatedAt, String issuedBy) {
        static LicenseJson of(License l) {
            return new LicenseJson(l.id().value(), l.key(), l.productId(), l.allowedActivations(), l.expiresAt(),
                    l.suspended(), l.revoked(), text(l.resellerId()), text(l.assignedUser()),
                    text(l.assignedOrganization()), l.metadata(), l.version(), l.createdAt(), l.updatedAt(),
                    text(l.issuedBy()));
        }
    }

    /**
     * Creates a license: the vendor, or a reseller admin within its reseller's license quota (then
     * {@code resellerId} defaults to its own reseller); {@code key} null to have one generated,
     * {@code allowedActivations} -1 unlimited.
     */
    public record CreateLicenseJson(String key, String productId, Integer allowedActivations, Instant expiresAt,
                                    String resellerId, Map<String, String> metadata) {
    }

    /** Assigns a license, as Cryptlex's reseller PATCH does: exactly one of {@code userId} and {@code organizationId}. */
    public record AssignLicenseJson(String userId, String organizationId) {
    }

    /** Allocates a license to a reseller. */
    public record AllocateLicenseJson(String resellerId) {
    }

    /** One entry of the audit trail. */
    public record AuditLogJson(String id, Instant createdAt, String actorId, String actorRole, String actorResellerId,
                               String actorName, String actorEmail, String action, String resource, String resourceId,
                               String resellerId, List<ChangeJson> changes, String requestId, String ipAddress,
                               String userAgent, String reason) {
        static AuditLogJson of(AuditEvent e) {
            return new AuditLogJson(e.id().value(), e.occurredAt(), e.actorId().value(),
                    e.actorRole() == null ? null : e.actorRole().code(), text(e.actorResellerId()), e.actorName(),
                    e.actorEmail(), e.action().code(), e.resourceType(), e.resourceId(), text(e.resellerId()),
                    e.changes().stream().map(ChangeJson::of).toList(), e.requestId(), e.clientIp(), e.userAgent(),
                    e.reason());
        }
    }

    /**
     * An audit entry as exported: the list's fields, then its link in its hash chain (all null for
     * an event in no chain): {@code chain}, {@code seq}, {@code prevHash}, {@code hash},
     * {@code hashVersion} and {@code seals} (per personal value, its salt or, once erased, its
     * digest), which is what an auditor needs to recompute each hash (see SECURITY.md).
     */
    public record ChainedAuditLogJson(String id, Instant createdAt, String actorId, String actorRole,
                                      String actorResellerId, String actorName, String actorEmail, String action,
                                      String resource, String resourceId, String resellerId, List<ChangeJson> changes,
                                      String requestId, String ipAddress, String userAgent, String reason, String chain,
                                      Long seq, String prevHash, String hash, Integer hashVersion,
                                      Map<String, String> seals) {
        static ChainedAuditLogJson of(ChainedEvent chained) {
            AuditLogJson e = AuditLogJson.of(chained.event());
            ChainLink l = chained.link();
            return new ChainedAuditLogJson(e.id(), e.createdAt(), e.actorId(), e.actorRole(), e.actorResellerId(),
                    e.actorName(), e.actorEmail(), e.action(), e.resource(), e.resourceId(), e.resellerId(), e.changes(),
                    e.requestId(), e.ipAddress(), e.userAgent(), e.reason(), l == null ? null : l.chain(),
                    l == null ? null : l.seq(), l == null ? null : l.prevHash(), l == null ? null : l.hash(),
                    l == null ? null : l.version(), l == null ? null : l.seals());
        }
    }

    /**
     * What a verification of an audit trail found.
     *
     * @param resellerId    whose chains, null for the vendor's
     * @param ok            true if every link holds
     * @param eventsChecked how many events were checked
     * @param heads         each chain's newest link (keep these), and where a purge left its start
     * @param firstBreak    the first broken link, null if none
     */
    public record VerificationJson(String resellerId, boolean ok, long eventsChecked, List<HeadJson> heads,
                                   BreakJson firstBreak) {
        static VerificationJson of(AuditVerification v) {
            Break b = v.firstBreak();
            return new VerificationJson(text(v.resellerId()), v.ok(), v.eventsChecked(), v.heads().stream()
                    .map(h -> new HeadJson(h.chain(), h.seq(), h.hash(), h.purgedThrough())).toList(),
                    b == null ? null : new BreakJson(b.chain(), b.seq(), b.eventId() == null ? null : b.eventId().value(), b.problem().name(), b.detail()));
        }
    }

    /** A chain's head: its newest link's number and hash, and the newest link retention deleted (0 if none). */
    public record HeadJson(String chain, long seq, String hash, long purgedThrough) {
    }

    /** A broken link: where, which event, what ({@code CONTENT_CHANGED}, {@code EVENT_MISSING}, {@code ORDER_CHANGED}, {@code LINK_BROKEN}). */
    public record BreakJson(String chain, long seq, String eventId, String problem, String detail) {
    }

    /** One changed field of an audit entry. */
    public record ChangeJson(String propertyName, String oldValue, String newValue) {
        static ChangeJson of(FieldChange c) {
            return new ChangeJson(c.field(), c.oldValue(), c.newValue());
        }
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
