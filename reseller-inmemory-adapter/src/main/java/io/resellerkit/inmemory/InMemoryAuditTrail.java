package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.Keyset;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The audit trail in memory, ordered by time and id, read in either direction. */
final class InMemoryAuditTrail implements AuditTrail {
    private final Transactions tx;
    private final NavigableMap<SortKey, AuditEvent> oldestFirst = new ConcurrentSkipListMap<>();
    private final NavigableMap<SortKey, AuditEvent> newestFirst = oldestFirst.descendingMap();

    InMemoryAuditTrail(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        SortKey key = new SortKey(event.occurredAt(), event.id().value());
        tx.change(() -> {
            if (newestFirst.putIfAbsent(key, event) != null) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "audit event id is taken");
            }
        }, () -> newestFirst.remove(key));
    }

    @Override
    public List<AuditEvent> find(AuditQuery query, Keyset after, int limit) {
        return tx.query(() -> {
            List<AuditEvent> page = new ArrayList<>(Math.min(limit, 128));
            for (AuditEvent e : from(query.oldestFirst() ? oldestFirst : newestFirst, after).values()) {
                if (page.size() >= limit) {
                    break;
                }
                if (query.matches(e)) {
                    page.add(e);
                }
            }
            return page;
        });
    }

    private static NavigableMap<SortKey, AuditEvent> from(NavigableMap<SortKey, AuditEvent> ordered, Keyset after) {
        return after == null ? ordered : ordered.tailMap(SortKey.of(after), false);
    }
}
