package io.resellerkit.examples;

import io.resellerkit.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The story on the JDBC adapter: an H2 file database by default, or PostgreSQL when given
 * {@code -Djdbc.url=jdbc:postgresql://host/db -Djdbc.user=... -Djdbc.password=...}.
 * The adapter installs its schema on first use. On H2 every run starts from a fresh file; on
 * PostgreSQL every run writes tables of its own (prefix {@code demo<seconds>_}), so the
 * story can be told again on the same database.
 */
public final class JdbcStory {
    private JdbcStory() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        String url = System.getProperty("jdbc.url");
        JdbcStorage storage;
        if (url == null || url.startsWith("jdbc:h2:")) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "resellerkit-demo", "story").toAbsolutePath();
            deleteEarlierRun(file);
            JdbcDataSource h2 = new JdbcDataSource();
            // Keep the database open between connections: without a pool, H2 would reopen the file per call.
            h2.setURL(url != null ? url : "jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1");
            storage = JdbcStorage.builder(h2).build();
            System.out.println("ResellerKit on H2, file " + (url != null ? url : file + ".mv.db"));
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(System.getProperty("jdbc.user", ""));
            pg.setPassword(System.getProperty("jdbc.password", ""));
            String prefix = "demo" + System.currentTimeMillis() / 1000 + "_";
            storage = JdbcStorage.builder((DataSource) pg).tablePrefix(prefix).build();
            System.out.println("ResellerKit on PostgreSQL " + url + ", tables " + prefix + "*");
        }
        Story.tell(storage, System.out);
    }

    private static void deleteEarlierRun(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Stream<Path> earlier = Files.list(file.getParent())) {
                for (Path p : earlier.toList()) {
                    if (p.getFileName().toString().startsWith("story.")) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
