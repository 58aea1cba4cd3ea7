package io.resellerkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resellerkit.benchmarks.Stats.Estimate;
import io.resellerkit.benchmarks.Stats.Target;
import io.resellerkit.benchmarks.Stats.Verdict;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The statistics every verdict rests on, on inputs whose answers are known. */
class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)).median());
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)).median());
    }

    @Test
    void intervalRanksMatchTheBinomialTable() {
        // Published ranks of the 95 % distribution-free interval for the median.
        assertEquals(0, Stats.intervalRank(5));
        assertEquals(1, Stats.intervalRank(6));
        assertEquals(2, Stats.intervalRank(10));
        assertEquals(4, Stats.intervalRank(15));
        assertEquals(6, Stats.intervalRank(20));
        assertEquals(40, Stats.intervalRank(100));
    }

    @Test
    void medianRatioOfTwentyRoundsHasTheSixthSmallestAndSixthLargestAsItsInterval() {
        // Rounds where the library did 80..99 calls for the baseline's 100, shuffled.
        double[] library = IntStream.of(93, 80, 99, 85, 91, 88, 97, 82, 90, 86, 95, 81, 98, 84, 92, 87, 96, 83, 94, 89)
                .asDoubleStream().toArray();
        double[] baseline = IntStream.range(0, 20).mapToDouble(i -> 100).toArray();
        Estimate e = Stats.median(Stats.ratios(library, baseline));
        assertEquals(0.895, e.median(), 1e-12);
        assertEquals(0.85, e.low(), 1e-12);
        assertEquals(0.94, e.high(), 1e-12);
        assertEquals(20, e.n());
    }

    @Test
    void fewerThanSixRoundsGiveNoIntervalAndNoVerdict() {
        Estimate e = Stats.median(List.of(2.0, 2.0, 2.0, 2.0, 2.0));
        assertFalse(e.hasInterval());
        assertEquals(Verdict.UNCLEAR, Target.atLeast(0.9).judge(e));
    }

    @Test
    void atLeastTargetIsMetOnlyWhenTheLowerBoundClearsIt() {
        Target t = Target.atLeast(0.9);
        assertEquals(Verdict.MET, t.judge(new Estimate(1.0, 0.9, 1.1, 20)));
        assertEquals(Verdict.UNCLEAR, t.judge(new Estimate(0.95, 0.89, 1.1, 20)));
        assertEquals(Verdict.NOT_MET, t.judge(new Estimate(0.8, 0.7, 0.89, 20)));
    }

    @Test
    void atMostTargetIsMetOnlyWhenTheUpperBoundClearsIt() {
        Target t = Target.atMost(1.3);
        assertEquals(Verdict.MET, t.judge(new Estimate(1.1, 1.0, 1.3, 20)));
        assertEquals(Verdict.UNCLEAR, t.judge(new Estimate(1.2, 1.1, 1.31, 20)));
        assertEquals(Verdict.NOT_MET, t.judge(new Estimate(1.5, 1.31, 1.7, 20)));
    }

    @Test
    void roundsAlternateTheOrderOfTheSides() {
        assertEquals(List.of(0, 1, 1, 0, 0, 1), IntStream.range(0, 6).map(i -> Rounds.side(i, 2)).boxed().toList());
        assertEquals(List.of(0, 1, 2, 2, 1, 0), IntStream.range(0, 6).map(i -> Rounds.side(i, 3)).boxed().toList());
    }

    @Test
    void ratiosNeedPairs() {
        assertThrows(IllegalArgumentException.class, () -> Stats.ratios(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }
}
