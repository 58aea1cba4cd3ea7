package io.resellerkit.spi;

import java.util.Optional;

/**
 * Usage counters: how many of something an owner holds, with the cap that applies, kept in
 * storage beside the rows and changed inside the caller's unit of work. The core decides which
 * counters an operation takes; the store makes each check-and-change one atomic step (one row
 * lock, one conditional update), so a quota holds exactly under any concurrency, and a cap
 * changed while creates run is never overrun.
 *
 * <p>A counter is created with its owner and removed with it: no operation races to create one.
 */
public interface UsageCounters {

    /**
     * The outcome of {@link #tryIncrement}.
     *
     * @param granted whether a slot was taken
     * @param usage   the count after the increment, or the count that refused it
     * @param limit   the cap the count was checked against; {@code -1} for unlimited
     */
    record Reservation(boolean granted, long usage, long limit) {
    }

    /**
     * Creates a counter at 0 with a cap ({@code -1} for unlimited).
     *
     * @throws io.resellerkit.error.ConflictException of kind DUPLICATE if it exists
     */
    void create(UsageCounter counter, long limit);

    /** A counter to create, with its cap and the count it starts at (at most the cap, unless that is {@code -1}). */
    record NewCounter(UsageCounter counter, long limit, long used) {
    }

    /**
     * Creates counters, each at its count, for owners created in this unit (so no other unit
     * can take their slots yet); an adapter may send them together (the JDBC adapter batches).
     *
     * @throws io.resellerkit.error.ConflictException of kind DUPLICATE if one exists
     */
    default void createAll(java.util.List<NewCounter> counters) {
        for (NewCounter n : counters) {
            create(n.counter(), n.limit());
            if (n.used() > 0) {
                tryAdd(n.counter(), n.used());
            }
        }
    }

    /**
     * Adds one if the count is below the stored cap (or the cap is {@code -1}), in one atomic step.
     *
     * @return the outcome, or empty if there is no such counter (its owner is gone)
     */
    Optional<Reservation> tryIncrement(UsageCounter counter);

    /**
     * Adds {@code amount} to the count in one atomic step, holding the counter's lock (a row lock)
     * until the unit ends: a positive amount only if the count stays at or below the stored cap (or
     * the cap is {@code -1}); a negative one only if the count stays at or above 0; 0 just locks and
     * reads it. The core uses it to carve a child reseller's cap out of its parent's counter, to send
     * a slot on up to a parent's counter, and to hold a counter while it decides.
     *
     * @return the outcome (the count after the change, or the count that refused it, and the cap),
     *         or empty if there is no such counter (its owner is gone)
     */
    Optional<Reservation> tryAdd(UsageCounter counter, long amount);

    /**
     * Takes one off if the count is above {@code floor}, in one atomic step.
     *
     * @return false if the count was at or below {@code floor} (or the counter does not exist), and nothing changed
     */
    boolean tryDecrement(UsageCounter counter, long floor);

    /** Changes a counter's cap; waits for (and then applies to) concurrent increments of it. */
    void setLimit(UsageCounter counter, long limit);

    /** The counter's count; 0 if there is no such counter. */
    long usage(UsageCounter counter);

    /** Removes the counter, when its owner is deleted. */
    void remove(UsageCounter counter);
}
