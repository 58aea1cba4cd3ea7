package io.resellerkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Embedded PostgreSQL for tests: one shared server per test JVM (stopped when the JVM exits),
 * with a fresh database per test class; or a server of one's own for tests that stop it.
 */
final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private Postgres() {
    }

    /** A server on the given port and data directory; port 0 picks one; clean=true starts afresh. */
    static EmbeddedPostgres start(int port, Path dataDirectory, boolean clean) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPort(port).setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off");
            if (dataDirectory != null) {
                b.setDataDirectory(dataDirectory);
            }
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            shared = start(0, null, true);
        }
        return shared;
    }

    /** A new, empty database on the shared server; returns its name. */
    static String newDatabase() {
        String name = "rk_test_" + DATABASES.incrementAndGet();
        try (Connection c = shared().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** A data source that opens a fresh connection each time, with timeouts so a dead server fails fast. */
    static PGSimpleDataSource dataSource(int port, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        ds.setConnectTimeout(3);
        ds.setLoginTimeout(3);
        ds.setSocketTimeout(30);
        return ds;
    }

    static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres&connectTimeout=3&socketTimeout=30";
    }

    static DataSource sharedDataSource(String database) {
        return dataSource(shared().getPort(), database);
    }

    /** A small connection pool on the shared server, as most hosts would hand the adapter. */
    static HikariDataSource pooledDatabase(String database, int size) {
        return pooled(url(shared().getPort(), database), size);
    }

    static HikariDataSource pooled(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
