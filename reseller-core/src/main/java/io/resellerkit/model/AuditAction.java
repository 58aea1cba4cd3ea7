package io.resellerkit.model;

/** The action names the audit trail uses. */
public final class AuditAction {
    public static final String RESELLER_CREATED = "reseller.created";
    public static final String RESELLER_UPDATED = "reseller.updated";
    public static final String RESELLER_QUOTA_UPDATED = "reseller.quota.updated";
    public static final String RESELLER_SUSPENDED = "reseller.suspended";
    public static final String RESELLER_REACTIVATED = "reseller.reactivated";
    public static final String RESELLER_DELETED = "reseller.deleted";
    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";
    public static final String USER_DELETED = "user.deleted";
    public static final String ORGANIZATION_CREATED = "organization.created";
    public static final String ORGANIZATION_UPDATED = "organization.updated";
    public static final String ORGANIZATION_DELETED = "organization.deleted";
    public static final String LICENSE_CREATED = "license.created";
    public static final String LICENSE_ALLOCATED = "license.allocated";
    public static final String LICENSE_ASSIGNED = "license.assigned";
    public static final String LICENSE_UNASSIGNED = "license.unassigned";
    public static final String LICENSE_SUSPENDED = "license.suspended";
    public static final String LICENSE_UNSUSPENDED = "license.unsuspended";
    public static final String LICENSE_REVOKED = "license.revoked";
    /** A refusal by the permission policy, including a suspended reseller's lockout. */
    public static final String ACCESS_DENIED = "access.denied";
    /** A create or role change refused because a quota is used up. */
    public static final String QUOTA_EXCEEDED = "quota.exceeded";

    private AuditAction() {
    }
}
