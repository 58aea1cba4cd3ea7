package io.resellerkit.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Interleaving inside one JMH fork: every JMH iteration runs one side of a comparison, and the
 * sides take turns in rounds (each side once per round), the order reversed every other round
 * (A B, B A, A B, ...; with three sides A B C, C B A, ...), so a drift in the machine or in
 * the tables' size lands on both sides alike. A benchmark's one {@code @Benchmark} method asks
 * {@link #side} which side to run. {@link RunAll} knows the same schedule and pairs the
 * iteration scores of each round into a ratio.
 *
 * <p>Warmup iterations count too: a fork's warmup is a whole number of rounds, so measurement
 * starts at the beginning of a round.
 */
@State(Scope.Benchmark)
public class Rounds {
    private int iteration = -1;
    /** The side this iteration runs; read by every benchmark thread. */
    volatile int side;
    private final int sides;

    /** Two sides: 0 and 1. */
    public Rounds() {
        this(2);
    }

    /** For a comparison of more sides, from a subclass. */
    protected Rounds(int sides) {
        this.sides = sides;
    }

    /** Moves on to the next iteration's side (JMH runs this once per iteration, before the threads start). */
    @Setup(Level.Iteration)
    public void nextIteration() {
        iteration++;
        side = side(iteration, sides);
    }

    /** The side that runs in iteration {@code i} (0-based, warmup included) of a fork. */
    static int side(int i, int sides) {
        int round = i / sides;
        int position = i % sides;
        return round % 2 == 0 ? position : sides - 1 - position;
    }
}
