package io.resellerkit.spring;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Empty databases for tests, each named by a {@code spring.datasource.url}: H2 in memory, or embedded PostgreSQL. */
final class Databases {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** A new, empty H2 database in memory, kept until the JVM exits. */
    static String newH2() {
        return "jdbc:h2:mem:starter" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    /** A new, empty database on one embedded PostgreSQL server per test JVM (stopped when the JVM exits). */
    static String newPostgres() {
        String name = "starter_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name + "?user=postgres";
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    /** The single number a query returns. */
    static long number(DataSource dataSource, String sql) {
        Long n = new JdbcTemplate(dataSource).queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
