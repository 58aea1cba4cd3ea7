package io.resellerkit.error;

/** A create (or a role change that makes a user count) would pass a quota. Nothing was written. */
public final class QuotaExceededException extends ResellerKitException {
    private final String quota;
    private final long limit;
    private final long usage;

    /**
     * @param quota such as {@code reseller.allowedUsers}
     * @param limit the cap
     * @param usage the use at the time of the refusal
     */
    public QuotaExceededException(String quota, long limit, long usage) {
        super(ErrorCode.QUOTA_EXCEEDED, quota + " is " + limit + " and " + usage + " are in use", null);
        this.quota = quota;
        this.limit = limit;
        this.usage = usage;
    }

    /** Which quota, such as {@code reseller.allowedUsers} or {@code organization.allowedUsers}. */
    public String quota() {
        return quota;
    }

    /** The cap. */
    public long limit() {
        return limit;
    }

    /** The use at the time of the refusal. */
    public long usage() {
        return usage;
    }
}
