package io.resellerkit.command;

import java.time.Instant;

/** Limits the commands and queries share, named once. */
public final class Constraints {
    /** Longest name of a reseller or organization. */
    public static final int MAX_NAME = 200;
    /** Longest first or last name. */
    public static final int MAX_PERSON_NAME = 100;
    /** Longest email address (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;
    /** Longest phone number. */
    public static final int MAX_PHONE = 50;
    /** Longest postal address. */
    public static final int MAX_ADDRESS = 500;
    /** Longest product id or license key. */
    public static final int MAX_KEY = 200;
    /**
     * The earliest instant a caller may pass (an expiry, a time filter's end, a cursor's
     * position): 0001-01-01T00:00:00Z. With {@link #LATEST_TIME}, a range that every supported
     * database stores exactly (PostgreSQL stops at 4713 BC, H2 and PostgreSQL keep microseconds).
     */
    public static final Instant EARLIEST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a caller may pass: 9999-12-31T23:59:59.999999Z, the last microsecond of year 9999. */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");
    /**
     * Most values in one set filter of a query (ids, actions, product ids...): a filter is one
     * bound parameter per value, and drivers refuse more than 65,535 in a statement.
     */
    public static final int MAX_FILTER_VALUES = 1_000;

    private Constraints() {
    }

    /** True if {@code t} lies from {@link #EARLIEST_TIME} to {@link #LATEST_TIME}, both included. */
    public static boolean isStorableTime(Instant t) {
        return !t.isBefore(EARLIEST_TIME) && !t.isAfter(LATEST_TIME);
    }
}
