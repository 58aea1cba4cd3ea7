package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.FieldChange;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.Keyset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The audit trail in memory, ordered by time and id, read in either direction; beside it each
 * chain's events by sequence number, each chain's head and its checkpoint (where a purge left it). Units run one writer at a time, so
 * holding the write unit is the chain's lock.
 */
final class InMemoryAuditTrail implements AuditTrail {
    private final Transactions tx;
    private final NavigableMap<SortKey, AuditEvent> oldestFirst = new ConcurrentSkipListMap<>();
    private final NavigableMap<SortKey, AuditEvent> newestFirst = oldestFirst.descendingMap();
    /** Per chain: sequence number to the event's key and link (compact: {@link StoredLink}). */
    private final Map<String, NavigableMap<Long, StoredLink>> chains = new ConcurrentHashMap<>();
    private final Map<String, ChainHead> heads = new ConcurrentHashMap<>();
    private final Map<String, ChainCheckpoint> checkpoints = new ConcurrentHashMap<>();

    InMemoryAuditTrail(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public ChainHead lockChain(String chain) {
        return tx.query(() -> heads.getOrDefault(chain, ChainHead.empty(chain)));
    }

    @Override
    public void append(AuditEvent event, ChainLink link) {
        SortKey key = new SortKey(event.occurredAt(), event.id().value());
        String chain = link.chain();
        tx.change(() -> {
            ChainHead head = heads.getOrDefault(chain, ChainHead.empty(chain));
            if (head.seq() != link.seq() - 1) {
                throw new IllegalStateException("chain " + chain + " is at " + head.seq() + ", not before " + link.seq());
            }
            NavigableMap<Long, StoredLink> links = chains.computeIfAbsent(chain, c -> new ConcurrentSkipListMap<>());
            Map.Entry<Long, StoredLink> before = links.lastEntry();
            AuditEvent previous = before == null ? null : oldestFirst.get(before.getValue().key);
            if (newestFirst.putIfAbsent(key, sharingValuesOf(previous, event)) != null) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "audit event id is taken");
            }
            links.put(link.seq(), StoredLink.of(key, link, before == null ? null : before.getValue()));
            heads.put(chain, new ChainHead(chain, link.seq(), link.hash()));
        }, () -> {
            newestFirst.remove(key);
            chains.get(chain).remove(link.seq());
            heads.put(chain, new ChainHead(chain, link.seq() - 1, link.prevHash()));
        });
    }

    /**
     * The event, equal to the one given, but holding the actor's name and those changes that the
     * chain's previous event has too (a reseller's admin creating users: the same name, role and
     * reseller every time) as the previous event's instances, so that the heap holds them once.
     */
    private static AuditEvent sharingValuesOf(AuditEvent previous, AuditEvent event) {
        if (previous == null) {
            return event;
        }
        String actorName = Objects.equals(previous.actorName(), event.actorName()) ? previous.actorName() : event.actorName();
        boolean shared = actorName != event.actorName();
        FieldChange[] changes = event.changes().toArray(FieldChange[]::new);
        for (int i = 0; i < changes.length; i++) {
            for (FieldChange earlier : previous.changes()) {
                if (earlier != changes[i] && earlier.equals(changes[i])) {
                    changes[i] = earlier;
                    shared = true;
                    break;
                }
            }
        }
        if (!shared) {
            return event;
        }
        return new AuditEvent(event.id(), event.occurredAt(), event.actorId(), event.actorRole(),
                event.actorResellerId(), actorName, event.actorEmail(), event.action(), event.resourceType(),
                event.resourceId(), event.resellerId(), List.of(changes), event.requestId(), event.clientIp(),
                event.userAgent(), event.reason(), event.accessGrantId());
    }

    @Override
    public Optional<ChainHead> chainHead(String chain) {
        return tx.query(() -> Optional.ofNullable(heads.get(chain)));
    }

    @Override
    public List<ChainedEvent> chain(String chain, long afterSeq, int limit) {
        return tx.query(() -> {
            List<ChainedEvent> page = new ArrayList<>();
            for (StoredLink l : chains.getOrDefault(chain, new ConcurrentSkipListMap<>()).tailMap(afterSeq, false).values()) {
                if (page.size() >= limit) {
                    break;
                }
                page.add(new ChainedEvent(oldestFirst.get(l.key), l.link(chain)));
            }
            return page;
        });
    }

    @Override
    public List<String> chains() {
        return tx.query(() -> heads.keySet().stream().sorted().toList());
    }

    @Override
    public ChainCheckpoint checkpoint(String chain) {
        return tx.query(() -> checkpoints.getOrDefault(chain, ChainCheckpoint.genesis(chain)));
    }

    @Override
    public long purge(ChainCheckpoint checkpoint) {
        String chain = checkpoint.chain();
        long[] deleted = {0};
        ChainCheckpoint[] was = new ChainCheckpoint[1];
        Map<Long, StoredLink> gone = new java.util.TreeMap<>();
        Map<SortKey, AuditEvent> goneEvents = new HashMap<>();
        tx.change(() -> {
            ChainCheckpoint before = checkpoints.getOrDefault(chain, ChainCheckpoint.genesis(chain));
            ChainHead head = heads.getOrDefault(chain, ChainHead.empty(chain));
            if (checkpoint.seq() < before.seq() || checkpoint.seq() > head.seq()) {
                throw new IllegalStateException("chain " + chain + " cannot be purged through " + checkpoint.seq()
                        + ": its checkpoint is at " + before.seq() + " and its head at " + head.seq());
            }
            NavigableMap<Long, StoredLink> links = chains.getOrDefault(chain, new ConcurrentSkipListMap<>());
            gone.putAll(links.subMap(before.seq(), false, checkpoint.seq(), true));
            gone.forEach((seq, l) -> {
                links.remove(seq);
                goneEvents.put(l.key, oldestFirst.remove(l.key));
            });
            deleted[0] = gone.size();
            was[0] = before;
            checkpoints.put(chain, checkpoint);
        }, () -> {
            checkpoints.put(chain, was[0]);
            chains.get(chain).putAll(gone);
            goneEvents.forEach((k, e) -> {
                if (e != null) {
                    oldestFirst.put(k, e);
                }
            });
        });
        return deleted[0];
    }

    @Override
    public Map<AuditEventId, ChainLink> links(Collection<AuditEventId> events) {
        return tx.query(() -> {
            Set<String> ids = events.stream().map(AuditEventId::value).collect(Collectors.toSet());
            Map<AuditEventId, ChainLink> found = new HashMap<>();
            chains.forEach((name, chain) -> {
                for (StoredLink l : chain.values()) {
                    if (ids.contains(l.key.id())) {
                        found.put(AuditEventId.of(l.key.id()), l.link(name));
                    }
                }
            });
            return found;
        });
    }

    @Override
    public void rewrite(AuditEvent event, Map<String, String> seals) {
        SortKey key = new SortKey(event.occurredAt(), event.id().value());
        AuditEvent[] was = new AuditEvent[1];
        Map<String, Map<Long, StoredLink>> wasLinked = new HashMap<>();
        tx.change(() -> {
            was[0] = oldestFirst.replace(key, event);
            if (was[0] != null) {
                chains.forEach((name, chain) -> chain.replaceAll((seq, l) -> {
                    if (!l.key.equals(key)) {
                        return l;
                    }
                    wasLinked.computeIfAbsent(name, n -> new HashMap<>()).put(seq, l);
                    return StoredLink.of(key, l.link(name).withSeals(seals), null);
                }));
            }
        }, () -> {
            if (was[0] != null) {
                oldestFirst.put(key, was[0]);
                wasLinked.forEach((name, linked) -> chains.get(name).putAll(linked));
            }
        });
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

    /** Every chain's head, by chain name; for the tail's checkpoints, inside their unit. */
    NavigableMap<String, ChainHead> heads() {
        return new java.util.TreeMap<>(heads);
    }

    /** When the chain's event {@code seq} occurred, null if there is none. */
    java.time.Instant occurredAt(String chain, long seq) {
        StoredLink l = chains.getOrDefault(chain, new ConcurrentSkipListMap<>()).get(seq);
        AuditEvent e = l == null ? null : oldestFirst.get(l.key);
        return e == null ? null : e.occurredAt();
    }

    // ---- for tests: what someone with access to the store could do behind the library's back ----

    /** Replaces the stored content of an event (its link stays). */
    void tamperWithEvent(String eventId, UnaryOperator<AuditEvent> edit) {
        tx.write(() -> {
            SortKey key = keyOf(eventId);
            return oldestFirst.put(key, edit.apply(oldestFirst.get(key)));
        });
    }

    /** Replaces an event's stored link (same chain and place). */
    void tamperWithLink(String eventId, UnaryOperator<ChainLink> edit) {
        tx.write(() -> {
            chains.forEach((name, chain) -> chain.replaceAll((seq, l) ->
                    l.key.id().equals(eventId) ? StoredLink.of(l.key, edit.apply(l.link(name)), null) : l));
            return null;
        });
    }

    /** Removes an event from the trail and its chain; the head stays. */
    void tamperByDeleting(String eventId) {
        tx.write(() -> {
            SortKey key = keyOf(eventId);
            oldestFirst.remove(key);
            chains.values().forEach(chain -> chain.values().removeIf(l -> l.key.equals(key)));
            return null;
        });
    }

    /** Swaps two events' places in their chain: each takes the other's sequence number, links unchanged. */
    void tamperBySwapping(String firstId, String secondId) {
        tx.write(() -> {
            chains.forEach((name, chain) -> {
                Map.Entry<Long, StoredLink> a = entryOf(chain, firstId);
                Map.Entry<Long, StoredLink> b = entryOf(chain, secondId);
                if (a != null && b != null) {
                    long seqA = a.getKey();
                    long seqB = b.getKey();
                    StoredLink linkedA = a.getValue();
                    StoredLink linkedB = b.getValue();
                    chain.put(seqA, StoredLink.of(linkedB.key, withSeq(linkedB.link(name), seqA), null));
                    chain.put(seqB, StoredLink.of(linkedA.key, withSeq(linkedA.link(name), seqB), null));
                }
            });
            return null;
        });
    }

    private static ChainLink withSeq(ChainLink l, long seq) {
        return new ChainLink(l.chain(), seq, l.prevHash(), l.hash());
    }

    private static Map.Entry<Long, StoredLink> entryOf(NavigableMap<Long, StoredLink> chain, String eventId) {
        return chain.entrySet().stream().filter(e -> e.getValue().key.id().equals(eventId)).findFirst().orElse(null);
    }

    private SortKey keyOf(String eventId) {
        return oldestFirst.keySet().stream().filter(k -> k.id().equals(eventId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event " + eventId));
    }
}
