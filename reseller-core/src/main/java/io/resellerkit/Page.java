package io.resellerkit;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param items      at most the requested number of items
 * @param nextCursor pass it in {@link PageRequest#after} for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** The cursor of the next page, if there is one. */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /** True if another page follows. */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
