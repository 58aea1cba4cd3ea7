package io.resellerkit.benchmarks;

/**
 * Where the benchmarks connect. {@link RunAll} sets the system properties {@code jdbc.url},
 * {@code jdbc.user} and {@code jdbc.password} (its own embedded PostgreSQL, or the ones given on
 * its command line) and passes them on to every forked benchmark JVM.
 */
record Database(String url, String user, String password) {

    static Database fromSystemProperties() {
        String url = System.getProperty("jdbc.url");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no -Djdbc.url: start the benchmarks with RunAll (java -jar benchmarks.jar)");
        }
        return new Database(url, System.getProperty("jdbc.user", "postgres"), System.getProperty("jdbc.password", ""));
    }
}
