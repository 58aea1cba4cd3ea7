package io.resellerkit.model;

import java.time.Instant;
import java.util.Map;

/**
 * What every stored aggregate has: an id, a version for optimistic concurrency, and its
 * creation and update times.
 *
 * @param <I> the type of its id
 */
public interface Entity<I> {
    /** Its id. */
    I id();

    /** Starts at 1 and grows by one with every stored change. */
    long version();

    /** When it was created. */
    Instant createdAt();

    /** When it last changed. */
    Instant updatedAt();

    /**
     * Its fields as the audit trail shows them, in a stable order: name to value as text,
     * null where unset. Metadata entries appear as {@code metadata.<key>}.
     */
    Map<String, String> auditFields();
}
