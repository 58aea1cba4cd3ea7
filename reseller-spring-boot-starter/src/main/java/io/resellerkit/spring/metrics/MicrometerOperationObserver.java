package io.resellerkit.spring.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.resellerkit.OperationObserver;
import io.resellerkit.error.ErrorCode;
import java.util.concurrent.TimeUnit;

/**
 * Records every ResellerKit call in Micrometer: the timer {@code resellerkit.operations} tagged
 * {@code operation} (such as {@code user.create}) and {@code outcome} ({@code ok}, an error code, or
 * {@code unexpected}), and the counter {@code resellerkit.refusals} tagged {@code code} for each call
 * refused with a ResellerKit error. A {@code storage_error} is a failure, not a refusal: it shows in
 * the timer's outcome only. Both tags take a few dozen values at most.
 */
public final class MicrometerOperationObserver implements OperationObserver {
    private final MeterRegistry registry;

    /** Records into {@code registry}. */
    public MicrometerOperationObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(String operation, String outcome, long durationNanos) {
        Timer.builder("resellerkit.operations")
                .description("ResellerKit calls, by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
        if (isRefusal(outcome)) {
            Counter.builder("resellerkit.refusals")
                    .description("ResellerKit calls refused, by error code")
                    .tag("code", outcome)
                    .register(registry)
                    .increment();
        }
    }

    private static boolean isRefusal(String outcome) {
        return !outcome.equals(OK) && !outcome.equals(UNEXPECTED) && !outcome.equals(ErrorCode.STORAGE_ERROR.code());
    }
}
