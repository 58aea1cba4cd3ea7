package io.resellerkit.engine;

/** Every operation the permission policy rules on. */
enum Operation {
    RESELLER_CREATE(true), RESELLER_READ(false), RESELLER_LIST(false), RESELLER_UPDATE(true),
    RESELLER_CHANGE_QUOTAS(true), RESELLER_CHANGE_LICENSE_QUOTA(true), RESELLER_SUSPEND(true), RESELLER_REACTIVATE(true), RESELLER_TERMINATE(true),
    RESELLER_DELETE(true),
    USER_CREATE(true), USER_READ(false), USER_LIST(false), USER_UPDATE(true), USER_DELETE(true),
    ORGANIZATION_CREATE(true), ORGANIZATION_IMPORT(true), ORGANIZATION_READ(false), ORGANIZATION_LIST(false), ORGANIZATION_UPDATE(true),
    ORGANIZATION_DELETE(true), ORGANIZATION_ISSUE_TRANSFER_TOKEN(true), ORGANIZATION_TRANSFER(true),
    ORGANIZATION_TRANSFER_BY_TOKEN(true),
    LICENSE_CREATE(true), LICENSE_ALLOCATE(true), LICENSE_READ(false), LICENSE_LIST(false), LICENSE_ASSIGN(true),
    LICENSE_UNASSIGN(true), LICENSE_SUSPEND(true), LICENSE_UNSUSPEND(true), LICENSE_REVOKE(true),
    AUDIT_READ(false), AUDIT_PURGE(true), AUDIT_ERASE(true),
    ACCESS_GRANT(true), ACCESS_REVOKE(true), ACCESS_LIST(false),
    WEBHOOK_REGISTER(true), WEBHOOK_READ(false), WEBHOOK_LIST(false), WEBHOOK_DELETE(true), WEBHOOK_REPLAY(true);

    private final boolean writes;

    Operation(boolean writes) {
        this.writes = writes;
    }

    /** True if the operation changes anything. */
    boolean writes() {
        return writes;
    }

    /** Such as "create user", for messages. */
    String describe() {
        String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_", 2);
        return parts[1].replace('_', ' ') + " " + parts[0];
    }
}
