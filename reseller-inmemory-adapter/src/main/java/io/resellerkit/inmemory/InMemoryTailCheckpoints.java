package io.resellerkit.inmemory;

import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.TailCheckpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each consumer's position per chain, in a map; changes are part of the caller's unit. */
final class InMemoryTailCheckpoints implements TailCheckpoints {
    private record Key(String consumer, String chain) {
    }

    private final Transactions tx;
    private final InMemoryAuditTrail trail;
    private final Map<Key, Long> positions = new ConcurrentHashMap<>();

    InMemoryTailCheckpoints(Transactions tx, InMemoryAuditTrail trail) {
        this.tx = tx;
        this.trail = trail;
    }

    @Override
    public long position(String consumer, String chain) {
        return tx.query(() -> positions.getOrDefault(new Key(consumer, chain), 0L));
    }

    @Override
    public boolean advance(String consumer, String chain, long seq) {
        Key key = new Key(consumer, chain);
        return tx.write(() -> {
            Long before = positions.get(key);
            if (before != null && before >= seq) {
                return false;
            }
            tx.change(() -> positions.put(key, seq), () -> {
                if (before == null) {
                    positions.remove(key);
                } else {
                    positions.put(key, before);
                }
            });
            return true;
        });
    }

    @Override
    public List<ChainLag> behind(String consumer, String afterChain, int limit) {
        return tx.query(() -> {
            List<ChainLag> page = new ArrayList<>();
            var heads = afterChain == null ? trail.heads() : trail.heads().tailMap(afterChain, false);
            for (ChainHead head : heads.values()) {
                if (page.size() >= limit) {
                    break;
                }
                long position = positions.getOrDefault(new Key(consumer, head.chain()), 0L);
                if (head.seq() > position) {
                    page.add(new ChainLag(head.chain(), position, head.seq(), trail.occurredAt(head.chain(), position + 1)));
                }
            }
            return page;
        });
    }
}
