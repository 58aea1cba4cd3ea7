package io.resellerkit.command;

/** Limits the commands share, named once. */
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

    private Constraints() {
    }
}
