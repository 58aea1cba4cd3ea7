package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Usage counters in memory; the write lock of the unit of work makes every check-and-change atomic. */
final class InMemoryUsageCounters implements UsageCounters {
    /** A counter's state; replaced, never changed in place, so that undo can put the old one back. */
    private record Count(long used, long limit) {
    }

    private final Transactions tx;
    private final Map<UsageCounter, Count> counts = new ConcurrentHashMap<>();

    InMemoryUsageCounters(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void create(UsageCounter counter, long limit) {
        tx.change(() -> {
            if (counts.putIfAbsent(counter, new Count(0, limit)) != null) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "the usage counter exists");
            }
        }, () -> counts.remove(counter));
    }

    @Override
    public Optional<Reservation> tryIncrement(UsageCounter counter) {
        Reservation[] result = new Reservation[1];
        replace(counter, c -> {
            boolean room = c.limit() == -1 || c.used() < c.limit();
            Count next = room ? new Count(c.used() + 1, c.limit()) : c;
            result[0] = new Reservation(room, next.used(), c.limit());
            return next;
        });
        return Optional.ofNullable(result[0]);
    }

    @Override
    public Optional<Reservation> tryAdd(UsageCounter counter, long amount) {
        Reservation[] result = new Reservation[1];
        replace(counter, c -> {
            long next = c.used() + amount;
            boolean fits = amount <= 0 ? next >= 0 : c.limit() == -1 || next <= c.limit();
            result[0] = new Reservation(fits, fits ? next : c.used(), c.limit());
            return fits ? new Count(next, c.limit()) : c;
        });
        return Optional.ofNullable(result[0]);
    }

    @Override
    public boolean tryDecrement(UsageCounter counter, long floor) {
        boolean[] done = new boolean[1];
        replace(counter, c -> {
            done[0] = c.used() > floor;
            return done[0] ? new Count(c.used() - 1, c.limit()) : c;
        });
        return done[0];
    }

    @Override
    public void setLimit(UsageCounter counter, long limit) {
        replace(counter, c -> new Count(c.used(), limit));
    }

    @Override
    public long usage(UsageCounter counter) {
        return tx.query(() -> {
            Count c = counts.get(counter);
            return c == null ? 0L : c.used();
        });
    }

    @Override
    public void remove(UsageCounter counter) {
        Count[] previous = new Count[1];
        tx.change(() -> previous[0] = counts.remove(counter), () -> {
            if (previous[0] != null) {
                counts.put(counter, previous[0]);
            }
        });
    }

    /** Replaces an existing counter's state inside the unit, remembering the old one for undo. */
    private void replace(UsageCounter counter, java.util.function.UnaryOperator<Count> change) {
        Count[] before = new Count[1];
        tx.change(() -> {
            before[0] = counts.get(counter);
            if (before[0] != null) {
                counts.put(counter, change.apply(before[0]));
            }
        }, () -> {
            if (before[0] != null) {
                counts.put(counter, before[0]);
            }
        });
    }
}
