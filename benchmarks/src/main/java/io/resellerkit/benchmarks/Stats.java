package io.resellerkit.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The statistics behind every figure: the median of per-round values (ratios of the two sides
 * measured in one round, or plain rates) with a distribution-free 95 % interval for the median
 * from order statistics, and the verdict a target gets from that interval.
 *
 * <p>The interval: with n values sorted, the true median lies between the k-th smallest and the
 * k-th largest with probability 1 - 2 P(Binomial(n, 1/2) &lt; k); k is the largest rank that
 * keeps this at least 95 %. It assumes nothing about the shape of the distribution (rounds that
 * a noisy neighbour slowed down are just values in the tail) and needs at least 6 values.
 */
final class Stats {
    static final double CONFIDENCE = 0.95;

    private Stats() {
    }

    /** A median with its 95 % interval; {@code low} and {@code high} are NaN with fewer than 6 values. */
    record Estimate(double median, double low, double high, int n) {
        boolean hasInterval() {
            return !Double.isNaN(low);
        }
    }

    /** How a figure is held to its target. */
    enum Verdict {
        MET("met"), NOT_MET("not met"), UNCLEAR("unclear");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** A target: the figure must be at least, or at most, {@code value}. */
    record Target(boolean atLeast, double value) {
        static Target atLeast(double value) {
            return new Target(true, value);
        }

        static Target atMost(double value) {
            return new Target(false, value);
        }

        /**
         * Met only when the whole interval clears the target (for "at least", its lower bound;
         * for "at most", its upper bound); not met when the whole interval misses it; unclear
         * otherwise, and always without an interval.
         */
        Verdict judge(Estimate e) {
            if (!e.hasInterval()) {
                return Verdict.UNCLEAR;
            }
            if (atLeast) {
                return e.low() >= value ? Verdict.MET : e.high() < value ? Verdict.NOT_MET : Verdict.UNCLEAR;
            }
            return e.high() <= value ? Verdict.MET : e.low() > value ? Verdict.NOT_MET : Verdict.UNCLEAR;
        }

        @Override
        public String toString() {
            return (atLeast ? ">= " : "<= ") + Report.number(value);
        }
    }

    /** The median of {@code values} and its order-statistics interval. */
    static Estimate median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take a median of");
        }
        double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = x.length;
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        int k = intervalRank(n);
        return k == 0 ? new Estimate(median, Double.NaN, Double.NaN, n)
                : new Estimate(median, x[k - 1], x[n - k], n);
    }

    /**
     * The largest k with P(Binomial(n, 1/2) &lt; k) &lt;= 2.5 %, so that [k-th smallest, k-th
     * largest] covers the median with at least 95 %; 0 when no such k exists (n &lt; 6).
     */
    static int intervalRank(int n) {
        double tail = (1 - CONFIDENCE) / 2;
        double cumulative = 0;
        int k = 0;
        for (int i = 0; i <= n / 2; i++) {
            cumulative += binomialHalf(n, i);
            if (cumulative > tail + 1e-12) {
                break;
            }
            k = i + 1;
        }
        return k;
    }

    /** P(Binomial(n, 1/2) = i), in logs so that n in the thousands does not overflow. */
    private static double binomialHalf(int n, int i) {
        return Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i) - n * Math.log(2));
    }

    private static double logFactorial(int n) {
        double sum = 0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    /** The ratio of each pair, in order: {@code numerators[i] / denominators[i]}. */
    static List<Double> ratios(double[] numerators, double[] denominators) {
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException(numerators.length + " numerators for " + denominators.length
                    + " denominators");
        }
        Double[] r = new Double[numerators.length];
        Arrays.setAll(r, i -> numerators[i] / denominators[i]);
        return List.of(r);
    }
}
