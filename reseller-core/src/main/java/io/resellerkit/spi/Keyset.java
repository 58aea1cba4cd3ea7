package io.resellerkit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in a list ordered by time, then id: where the previous page ended. Lists of
 * resources run oldest first (createdAt, id ascending); the audit trail runs newest first
 * (occurredAt, id descending) unless its query asks for oldest first.
 */
public record Keyset(Instant time, String id) {
    public Keyset {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
    }

    /** True if {@code (t, i)} sorts after this position in ascending order. */
    public boolean isBefore(Instant t, String i) {
        int c = time.compareTo(t);
        return c < 0 || (c == 0 && id.compareTo(i) < 0);
    }
}
