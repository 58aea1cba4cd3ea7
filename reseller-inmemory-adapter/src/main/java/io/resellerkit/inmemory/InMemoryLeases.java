package io.resellerkit.inmemory;

import io.resellerkit.spi.Leases;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Leases in a map; one writer at a time makes each take-or-renew a conditional update. */
final class InMemoryLeases implements Leases {
    private final Transactions tx;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    InMemoryLeases(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean acquire(String name, String owner, Instant now, Instant until) {
        return tx.write(() -> {
            Lease before = leases.get(name);
            boolean free = before == null || before.owner().equals(owner) || !before.expiresAt().isAfter(now);
            if (free) {
                tx.change(() -> leases.put(name, new Lease(name, owner, until)), () -> restore(name, before));
            }
            return free;
        });
    }

    @Override
    public void release(String name, String owner) {
        tx.write(() -> {
            Lease before = leases.get(name);
            if (before != null && before.owner().equals(owner)) {
                tx.change(() -> leases.remove(name), () -> restore(name, before));
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> find(String name) {
        return tx.query(() -> Optional.ofNullable(leases.get(name)));
    }

    private void restore(String name, Lease before) {
        if (before == null) {
            leases.remove(name);
        } else {
            leases.put(name, before);
        }
    }
}
