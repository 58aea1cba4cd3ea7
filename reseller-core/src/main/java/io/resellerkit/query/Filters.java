package io.resellerkit.query;

import io.resellerkit.error.ValidationException;
import java.util.Set;

/** Matching rules the queries share, so that every filter means the same everywhere. */
final class Filters {
    private Filters() {
    }

    /** A null set is no filter; an empty set matches nothing (never everything). */
    static <T> boolean in(Set<T> allowed, T value) {
        return allowed == null || (value != null && allowed.contains(value));
    }

    static boolean text(TextMatch match, String value) {
        return match == null || match.matches(value);
    }

    static boolean time(TimeRange range, java.time.Instant value) {
        return range == null || range.contains(value);
    }

    static boolean flag(Boolean wanted, boolean value) {
        return wanted == null || wanted == value;
    }


    /** An immutable copy; a null element is invalid input, named by its field. */
    static <T> Set<T> copy(String field, Set<T> values) {
        if (values == null) {
            return null;
        }
        for (T v : values) {
            if (v == null) {
                throw ValidationException.of(field, "NotNull", "must not contain null");
            }
        }
        return Set.copyOf(values);
    }
}
