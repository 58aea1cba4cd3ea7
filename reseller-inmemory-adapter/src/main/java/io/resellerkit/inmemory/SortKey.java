package io.resellerkit.inmemory;

import io.resellerkit.spi.Keyset;
import java.time.Instant;
import java.util.Comparator;

/** The order every list runs in: time, then id. */
record SortKey(Instant time, String id) implements Comparable<SortKey> {
    private static final Comparator<SortKey> ORDER =
            Comparator.comparing(SortKey::time).thenComparing(SortKey::id);

    static SortKey of(Keyset keyset) {
        return new SortKey(keyset.time(), keyset.id());
    }

    @Override
    public int compareTo(SortKey other) {
        return ORDER.compare(this, other);
    }
}
