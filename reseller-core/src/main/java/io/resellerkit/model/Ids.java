package io.resellerkit.model;

import io.resellerkit.error.ValidationException;
import java.util.regex.Pattern;

/** The one rule every id follows, whoever made it: 1 to 100 visible characters. */
final class Ids {
    /** The longest id. */
    static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("[^\\p{Cc}\\p{Cs}\\s]{1," + MAX_LENGTH + "}");

    private Ids() {
    }

    static String check(String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw ValidationException.of("id", "Id",
                    "must be 1 to " + MAX_LENGTH + " characters without spaces or control characters");
        }
        return value;
    }
}
