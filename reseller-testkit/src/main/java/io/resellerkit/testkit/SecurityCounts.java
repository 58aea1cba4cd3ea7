package io.resellerkit.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the attack and fault suites ran (matrix cells, random sequences and steps,
 * hostile inputs) per test class, and writes them to {@code target/security-counts.txt} of the
 * module under test when the test JVM ends, for SECURITY.md.
 */
public final class SecurityCounts {
    private static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SecurityCounts::write));
    }

    private SecurityCounts() {
    }

    /** Adds {@code n} to the count of {@code what} run by {@code suite}. */
    public static void add(Object suite, String what, long n) {
        COUNTS.merge(suite.getClass().getSimpleName() + "\t" + what, n, Long::sum);
    }

    private static void write() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(COUNTS).forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
        try {
            Path file = Path.of("target", "security-counts.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            System.err.println("could not write security counts: " + e);
        }
    }
}
