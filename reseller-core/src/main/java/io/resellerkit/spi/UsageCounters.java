package io.resellerkit.spi;

/**
 * Usage counters, changed atomically inside the caller's unit of work. The core decides which
 * counters an operation takes and with which limit; the store makes the check-and-increment
 * a single atomic step, so a quota holds exactly under any concurrency. A counter that was
 * never touched reads 0.
 */
public interface UsageCounters {

    /** The result of {@link #tryIncrement}: whether a slot was taken, and the usage seen. */
    record Reservation(boolean granted, long usage) {
    }

    /**
     * Adds one to the counter if its value is below {@code limit}, or if {@code limit} is
     * {@code -1}, in one atomic step.
     *
     * @return granted with the new usage, or refused with the usage that was found
     */
    Reservation tryIncrement(UsageCounter counter, long limit);

    /** Takes one off the counter (it never goes below 0). */
    void decrement(UsageCounter counter);

    /** The counter's value. */
    long usage(UsageCounter counter);

    /** Forgets the counter, when its owner is deleted. */
    void remove(UsageCounter counter);
}
