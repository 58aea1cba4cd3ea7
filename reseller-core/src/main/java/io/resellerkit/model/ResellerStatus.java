package io.resellerkit.model;

import java.util.Arrays;
import java.util.Optional;

/** Where a reseller stands in its partnership with the vendor. */
public enum ResellerStatus {
    /** Invited by the vendor, not yet activated: its admins can read but change nothing. */
    INVITED("invited"),
    /** Its admins work normally. */
    ACTIVE("active"),
    /** Its admins can read but change nothing; its customers keep working. */
    SUSPENDED("suspended"),
    /**
     * The partnership has ended, for good: its admins lose all access, its customers keep
     * working, its data stays.
     */
    TERMINATED("terminated");

    private final String code;

    ResellerStatus(String code) {
        this.code = code;
    }

    /** The stable name used in storage and audit events. */
    public String code() {
        return code;
    }

    /** The status with this code, if any. */
    public static Optional<ResellerStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
