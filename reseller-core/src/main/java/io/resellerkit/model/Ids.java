package io.resellerkit.model;

import io.resellerkit.error.ValidationException;
import java.util.regex.Pattern;

/**
 * The one rule every id follows, whoever made it: 1 to {@value #MAX_LENGTH} visible ASCII
 * characters ({@code !} to {@code ~}, U+0021 to U+007E). Nothing else: no spaces, no control
 * or format characters (bidi overrides, zero-width spaces, byte order marks), no letters
 * outside ASCII, so an id reads exactly as it is stored wherever it is shown, such as the
 * audit events the vendor reads. UUIDs qualify.
 */
public final class Ids {
    /** The longest id. */
    public static final int MAX_LENGTH = 100;
    /** What an id may be, as a regular expression. */
    public static final String PATTERN = "[\\x21-\\x7E]{1," + MAX_LENGTH + "}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Ids() {
    }

    static String check(String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw ValidationException.of("id", "Id",
                    "must be 1 to " + MAX_LENGTH + " visible ASCII characters (no spaces)");
        }
        return value;
    }
}
