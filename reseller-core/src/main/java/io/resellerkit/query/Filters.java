package io.resellerkit.query;

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


    static <T> Set<T> copy(Set<T> values) {
        return values == null ? null : Set.copyOf(values);
    }
}
