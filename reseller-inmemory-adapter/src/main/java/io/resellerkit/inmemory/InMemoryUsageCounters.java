package io.resellerkit.inmemory;

import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Usage counters in memory; the write lock of the unit of work makes check-and-increment atomic. */
final class InMemoryUsageCounters implements UsageCounters {
    private final Transactions tx;
    private final Map<UsageCounter, Long> counts = new ConcurrentHashMap<>();

    InMemoryUsageCounters(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Reservation tryIncrement(UsageCounter counter, long limit) {
        Reservation[] result = new Reservation[1];
        tx.change(() -> {
            long used = usage(counter);
            if (limit != -1 && used >= limit) {
                result[0] = new Reservation(false, used);
            } else {
                counts.put(counter, used + 1);
                result[0] = new Reservation(true, used + 1);
            }
        }, () -> {
            if (result[0].granted()) {
                counts.merge(counter, -1L, Long::sum);
            }
        });
        return result[0];
    }

    @Override
    public void decrement(UsageCounter counter) {
        boolean[] changed = new boolean[1];
        tx.change(() -> {
            long used = usage(counter);
            changed[0] = used > 0;
            if (changed[0]) {
                counts.put(counter, used - 1);
            }
        }, () -> {
            if (changed[0]) {
                counts.merge(counter, 1L, Long::sum);
            }
        });
    }

    @Override
    public long usage(UsageCounter counter) {
        return counts.getOrDefault(counter, 0L);
    }

    @Override
    public void remove(UsageCounter counter) {
        Long[] previous = new Long[1];
        tx.change(() -> previous[0] = counts.remove(counter), () -> {
            if (previous[0] != null) {
                counts.put(counter, previous[0]);
            }
        });
    }
}
