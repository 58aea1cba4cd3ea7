package io.resellerkit.benchmarks;

import io.resellerkit.benchmarks.Stats.Estimate;
import io.resellerkit.benchmarks.Stats.Target;
import java.util.List;
import java.util.Locale;

/** The results table: each figure with its median, 95 % interval, target and verdict. */
final class Report {
    /** One line of the table; {@code target} is null for a figure shown for context only. */
    record Figure(String title, String threads, Estimate estimate, String unit, Target target) {
    }

    private Report() {
    }

    /** The table as Markdown; with {@code verdicts} false (quick mode) the verdict column says so. */
    static String table(List<Figure> figures, boolean verdicts) {
        StringBuilder sb = new StringBuilder();
        sb.append("| figure | threads | median | 95 % interval | rounds | target | verdict |\n");
        sb.append("|---|---:|---:|---|---:|---|---|\n");
        for (Figure f : figures) {
            Estimate e = f.estimate();
            String interval = e.hasInterval() ? number(e.low()) + " to " + number(e.high()) : "(fewer than 6 rounds)";
            String verdict = f.target() == null ? "" : verdicts ? f.target().judge(e).label : "none (quick mode)";
            String title = f.target() == null ? f.title() : "**" + f.title() + "**";
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %s | %d | %s | %s |%n", title, f.threads(),
                    number(e.median()), f.unit().isEmpty() ? "" : " " + f.unit(), interval, e.n(),
                    f.target() == null ? "" : f.target().toString(), verdict));
        }
        return sb.toString();
    }

    /** Three significant digits for small numbers, thousands separators for large ones. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Math.abs(x) >= 1_000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        if (Math.abs(x) >= 100) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (Math.abs(x) >= 10) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
