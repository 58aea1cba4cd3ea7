package io.resellerkit.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link QuotaWorker} (or another worker's main class) in a JVM of its own, on this test's classpath. */
final class ChildJvm {
    private static final Pattern RESULT = Pattern.compile("created=(\\d+) refused=(\\d+) failed=(\\d+)");
    final Process process;
    private final BufferedReader out;
    private final Path errors;

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = errors;
    }

    static ChildJvm start(String... args) throws IOException {
        return startMain(QuotaWorker.class, args);
    }

    /** Runs {@code main}'s main method with {@code args}. */
    static ChildJvm startMain(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath(),
                main.getName()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("rk-child", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new ChildJvm(p, errors);
    }

    /**
     * Everything this test sees, as a plain class path: the tests run inside the module (JPMS),
     * so the library and its modules are on the module path and the test classes are patched in.
     */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("java.class.path"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) {
            entries.add(modulePath);
        }
        try {
            entries.add(Path.of(QuotaWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Waits for the worker to be ready to run. */
    void awaitReady() throws IOException {
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IllegalStateException("child did not start: " + line + "\n" + stderr());
        }
    }

    void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /** {created, refused, failed} once the worker finished. */
    long[] result(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish in " + timeoutSeconds + " s");
        }
        String last = null;
        for (String line; (line = out.readLine()) != null; ) {
            last = line;
        }
        Matcher m = last == null ? null : RESULT.matcher(last);
        if (m == null || !m.matches()) {
            throw new IllegalStateException("child printed no result: " + last + "\n" + stderr());
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    String stderr() throws IOException {
        String s = Files.readString(errors);
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}
