package io.resellerkit.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an audit event records. Each action has a stable code, such as {@code user.created}, used
 * in storage, exports and APIs; an enum, so a misspelt action in a filter does not compile.
 */
public enum AuditAction {
    RESELLER_CREATED("reseller.created"),
    RESELLER_UPDATED("reseller.updated"),
    RESELLER_QUOTA_UPDATED("reseller.quota.updated"),
    RESELLER_SUSPENDED("reseller.suspended"),
    RESELLER_REACTIVATED("reseller.reactivated"),
    RESELLER_TERMINATED("reseller.terminated"),
    RESELLER_DELETED("reseller.deleted"),
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    USER_DELETED("user.deleted"),
    ORGANIZATION_CREATED("organization.created"),
    ORGANIZATION_UPDATED("organization.updated"),
    ORGANIZATION_DELETED("organization.deleted"),
    /** A transfer token issued for an organization and a receiving reseller; the event concerns the current reseller. */
    ORGANIZATION_TRANSFER_TOKEN_ISSUED("organization.transfer_token.issued"),
    /** A transfer token used up by the transfer it allowed; the event concerns the receiving reseller. */
    ORGANIZATION_TRANSFER_TOKEN_REDEEMED("organization.transfer_token.redeemed"),
    /** An organization moved to another reseller: one event in each of the two resellers' trails. */
    ORGANIZATION_TRANSFERRED("organization.transferred"),
    /** A user moved with its organization to another reseller: one event in each of the two trails. */
    USER_TRANSFERRED("user.transferred"),
    LICENSE_CREATED("license.created"),
    LICENSE_ALLOCATED("license.allocated"),
    LICENSE_ASSIGNED("license.assigned"),
    LICENSE_UNASSIGNED("license.unassigned"),
    LICENSE_SUSPENDED("license.suspended"),
    LICENSE_UNSUSPENDED("license.unsuspended"),
    LICENSE_REVOKED("license.revoked"),
    /** A license moved with its assignee's organization to another reseller: one event in each of the two trails. */
    LICENSE_TRANSFERRED("license.transferred"),
    /** A retention run: audit events older than a moment purged (one event per run, in the vendor's chain). */
    AUDIT_PURGED("audit.purged"),
    /** A person's name and email in past audit events replaced with a pseudonym (in the vendor's chain). */
    AUDIT_ERASED("audit.erased"),
    /** Access to an organization lent to a user for a period; the event concerns the organization's reseller. */
    ACCESS_GRANTED("access.granted"),
    /**
     * A read done under an access grant, naming the grant and what was read (a change under a
     * grant names the grant in its own event); in the chain of the reseller whose data was read.
     */
    ACCESS_USED("access.used"),
    /** An access grant revoked before its end. */
    ACCESS_REVOKED("access.revoked"),
    /** A webhook endpoint registered (its URL, event types and reseller; never its secret). */
    WEBHOOK_REGISTERED("webhook.registered"),
    /** A webhook endpoint deleted. */
    WEBHOOK_DELETED("webhook.deleted"),
    /** A delivered or dead webhook delivery put back in line. */
    WEBHOOK_REPLAYED("webhook.replayed"),
    /** A refusal by the permission policy, including a suspended reseller's lockout. */
    ACCESS_DENIED("access.denied"),
    /** A create or role change refused because a quota is used up. */
    QUOTA_EXCEEDED("quota.exceeded");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The stable code, such as {@code user.created}. */
    public String code() {
        return code;
    }

    /** The action with this code, if any. */
    public static Optional<AuditAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
