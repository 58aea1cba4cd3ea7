package io.resellerkit.spring.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.resellerkit.tail.ListenerLag;
import io.resellerkit.tail.ListenerRunner;
import java.time.Clock;
import java.util.Collection;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges {@code resellerkit.listener.lag.events} (events committed but not yet acknowledged)
 * and {@code resellerkit.listener.lag.age} (seconds since the oldest of them occurred), tagged
 * {@code listener}. Every node reports the same values: they are read from storage, one read unit
 * per reading; a failed read reads as NaN.
 */
public final class ListenerLagGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerLagGauges.class);
    private final Clock clock;

    /** Registers the two gauges of each runner. */
    public ListenerLagGauges(MeterRegistry registry, Collection<ListenerRunner> runners, Clock clock) {
        this.clock = clock;
        for (ListenerRunner runner : runners) {
            register(registry, runner, "resellerkit.listener.lag.events", "Audit events not yet acknowledged by a listener",
                    null, lag -> lag.events());
            register(registry, runner, "resellerkit.listener.lag.age",
                    "How long the oldest audit event not yet acknowledged by a listener has waited", "seconds",
                    lag -> lag.age(clock.instant()).toMillis() / 1000.0);
        }
    }

    private void register(MeterRegistry registry, ListenerRunner runner, String name, String description, String unit,
                          ToDoubleFunction<ListenerLag> value) {
        Gauge.builder(name, runner, r -> read(r, value))
                .description(description)
                .baseUnit(unit)
                .tags("listener", runner.name())
                .strongReference(true)
                .register(registry);
    }

    private static double read(ListenerRunner runner, ToDoubleFunction<ListenerLag> value) {
        try {
            return value.applyAsDouble(runner.lag());
        } catch (RuntimeException e) {
            LOG.debug("could not read the lag of listener {}", runner.name(), e);
            return Double.NaN;
        }
    }
}
