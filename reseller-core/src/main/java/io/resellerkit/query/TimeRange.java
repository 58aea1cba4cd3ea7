package io.resellerkit.query;

import io.resellerkit.command.Constraints;
import io.resellerkit.command.StorableTime;
import java.time.Instant;

/**
 * A time filter: from inclusive, to exclusive; either end may be null for open. An end must lie
 * from {@link Constraints#EARLIEST_TIME} to {@link Constraints#LATEST_TIME}.
 */
public record TimeRange(@StorableTime Instant from, @StorableTime Instant to) {

    /** Everything at or after {@code from}. */
    public static TimeRange since(Instant from) {
        return new TimeRange(from, null);
    }

    /** Everything before {@code to}. */
    public static TimeRange before(Instant to) {
        return new TimeRange(null, to);
    }

    /** The reference semantics every adapter must reproduce; a null time never matches. */
    public boolean contains(Instant t) {
        return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
