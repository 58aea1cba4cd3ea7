package io.resellerkit.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an access grant may lend inside its one organization: only operations on a single user,
 * organization or license of that organization. Managing grants, quotas, resellers, lists and the
 * audit trail can never be delegated, which is why they have no constant here.
 */
public enum AccessPermission {
    ORGANIZATION_READ("organization.read"),
    ORGANIZATION_UPDATE("organization.update"),
    USER_CREATE("user.create"),
    USER_READ("user.read"),
    USER_UPDATE("user.update"),
    USER_DELETE("user.delete"),
    LICENSE_READ("license.read");

    private final String code;

    AccessPermission(String code) {
        this.code = code;
    }

    /** The stable code, such as {@code user.update}, used in storage and APIs. */
    public String code() {
        return code;
    }

    /** The permission with this code, if any. */
    public static Optional<AccessPermission> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
