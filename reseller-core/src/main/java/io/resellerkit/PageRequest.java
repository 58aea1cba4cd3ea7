package io.resellerkit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Which page to read: up to {@code limit} items (1 to {@value #MAX_LIMIT}) after the cursor a
 * previous page returned. Paging is by keyset, so a late page costs what the first does.
 *
 * @param cursor null for the first page
 */
public record PageRequest(@Size(max = 512) String cursor, @Min(1) @Max(MAX_LIMIT) int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 100;

    /** The first page of up to {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** The page after {@code cursor}, of up to {@code limit} items. */
    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(cursor, limit);
    }
}
