package io.resellerkit.tail;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a listener is behind the trail: what is committed but not yet acknowledged.
 *
 * @param events        events not yet acknowledged, over every chain
 * @param chains        chains with such events
 * @param oldestPending when the oldest of them occurred (by its event time), null if none
 */
public record ListenerLag(long events, int chains, Instant oldestPending) {

    /** How long the oldest pending event has waited at {@code now}; zero if none. */
    public Duration age(Instant now) {
        return oldestPending == null || oldestPending.isAfter(now) ? Duration.ZERO : Duration.between(oldestPending, now);
    }
}
