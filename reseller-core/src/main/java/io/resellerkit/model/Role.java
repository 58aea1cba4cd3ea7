package io.resellerkit.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one role a user holds. Roles are ranked, lowest first: an actor may grant and manage only
 * roles ranked below its own (some not even all of those), except {@link #ADMIN}, the vendor,
 * who may do everything. A reseller's staff ({@code reseller-*}) belong to a reseller and to no
 * organization, and take no customer-user slot of their reseller.
 */
public enum Role {
    /** An end customer: reads itself and the licenses assigned to it. */
    USER("user"),
    /** A customer's administrator: manages the users of its own organization. */
    ORGANIZATION_ADMIN("organization-admin"),
    /** A reseller's read-only staff: reads its reseller's customers, licenses and trail. */
    RESELLER_READ_ONLY("reseller-read-only"),
    /** A reseller's support staff: reads like read-only staff, and assigns and unassigns licenses. */
    RESELLER_SUPPORT("reseller-support"),
    /** A reseller's sales staff: reads like read-only staff, and creates customers (organizations, their users). */
    RESELLER_SALES("reseller-sales"),
    /** A sales partner's administrator: manages its own reseller's customers and its other staff. */
    RESELLER_ADMIN("reseller-admin"),
    /** The vendor's own staff. */
    ADMIN("admin");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    /** The stable name used in APIs, storage and audit events, such as {@code reseller-admin}. */
    public String code() {
        return code;
    }

    /** True if this role ranks strictly below {@code other}. */
    public boolean isBelow(Role other) {
        return ordinal() < other.ordinal();
    }

    /** The role with this code, if any. */
    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
