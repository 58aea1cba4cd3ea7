package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The built-in installer applies exactly the shipped scripts, once, also when several start at once. */
class SchemaInstallerTest {

    @Test
    void theInstallerKnowsExactlyTheScriptsShippedForEachDatabase() throws URISyntaxException, Exception {
        for (Dialect d : Dialect.values()) {
            Path folder = Path.of(SchemaInstaller.class
                    .getResource("/io/resellerkit/jdbc/schema/" + d.schemaFolder()).toURI());
            try (Stream<Path> files = Files.list(folder)) {
                // In version order, by number: V11 comes after V9, though not by name.
                assertEquals(SchemaInstaller.SCRIPTS, files.map(f -> f.getFileName().toString())
                        .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                        .toList(), d.name());
            }
        }
    }

    @Test
    void buildingTwiceInstallsEachVersionOnce() {
        DataSource ds = H2.newDatabase();
        JdbcStorage.builder(ds).build();
        JdbcStorage.builder(ds).build();
        assertEquals(SchemaInstaller.SCRIPTS.size(), Tables.number(ds, "SELECT count(*) FROM rk_schema_migrations"));
    }

    @Test
    void installersStartingTogetherOnPostgresTakeTurns() throws Exception {
        installTogether(Postgres.sharedDataSource(Postgres.newDatabase()));
    }

    @Test
    void installersStartingTogetherOnH2TakeTurns() throws Exception {
        installTogether(H2.newDatabase());
    }

    private static void installTogether(DataSource ds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JdbcStorage>> builds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            builds.add(pool.submit(() -> {
                start.await();
                return JdbcStorage.builder(ds).build();
            }));
        }
        start.countDown();
        for (Future<JdbcStorage> b : builds) {
            b.get();
        }
        pool.shutdown();
        assertEquals(SchemaInstaller.SCRIPTS.size(), Tables.number(ds, "SELECT count(*) FROM rk_schema_migrations"));
    }

    @Test
    void theH2InstallerNeedsOnlyOneConnection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2.newDatabase().getURL());
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000); // a second connection would time out the build, not hang it
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbcStorage.builder(ds).build();
            assertEquals(SchemaInstaller.SCRIPTS.size(), Tables.number(ds, "SELECT count(*) FROM rk_schema_migrations"));
        }
    }

    @Test
    void withTheInstallerOffABuildOnADatabaseWithoutTheSchemaFailsNamingTheMissingVersion() {
        DataSource postgres = Postgres.sharedDataSource(Postgres.newDatabase());
        DataSource h2 = H2.newDatabase();
        JdbcStorage.builder(h2).build(); // installed, but under the default prefix
        for (JdbcStorage.Builder b : List.of(JdbcStorage.builder(postgres).installSchema(false),
                JdbcStorage.builder(h2).installSchema(false).tablePrefix("acme_"))) {
            StorageException e = assertThrows(StorageException.class, b::build);
            assertTrue(e.getMessage().contains("schema version 1 (V1__create_tables.sql)"), e.getMessage());
            assertFalse(e.isTransient());
        }
    }

    @Test
    void aHostThatRunsTheShippedScriptsItselfSwitchesTheInstallerOffAndPicksItsPrefix() throws SQLException {
        DataSource ds = Postgres.sharedDataSource(Postgres.newDatabase());
        // What Flyway would do with the shipped files and the placeholder prefix=acme_: all but the
        // newest first, which the check must notice (a column added by a later script included).
        List<String> scripts = SchemaInstaller.SCRIPTS;
        for (String script : scripts.subList(0, scripts.size() - 1)) {
            runScript(ds, script, "acme_");
        }
        String newest = scripts.get(scripts.size() - 1);
        StorageException behind = assertThrows(StorageException.class,
                () -> JdbcStorage.builder(ds).installSchema(false).tablePrefix("acme_").build());
        assertTrue(behind.getMessage().contains("(" + newest + ") is missing"), behind.getMessage());
        runScript(ds, newest, "acme_");

        JdbcStorage storage = JdbcStorage.builder(ds).installSchema(false).tablePrefix("acme_").build();
        ResellerKit kit = ResellerKit.builder(storage).build();
        User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        kit.resellers().create(RequestContext.of(admin.id()), CreateReseller.of("Acme", "ops@acme.example", 5, 5));

        assertEquals(1, Tables.number(ds, "SELECT count(*) FROM acme_resellers"));
        assertEquals(0, Tables.number(ds, "SELECT count(*) FROM information_schema.tables"
                + " WHERE table_name IN ('acme_schema_migrations', 'rk_users')"));
    }

    @Test
    void withTheInstallerOffABuildOnADatabaseMissingALaterVersionsColumnsFailsNamingThatVersion() throws SQLException {
        DataSource ds = Postgres.sharedDataSource(Postgres.newDatabase());
        runScript(ds, "V1__create_tables.sql", "acme_"); // a host that has not run version 3 yet
        runScript(ds, "V2__idempotency_keys.sql", "acme_");
        StorageException e = assertThrows(StorageException.class,
                () -> JdbcStorage.builder(ds).installSchema(false).tablePrefix("acme_").build());
        assertTrue(e.getMessage().contains("schema version 3 (V3__audit_context.sql)"), e.getMessage());
        assertTrue(e.getMessage().contains("column actor_name in acme_audit_events"), e.getMessage());
    }

    @Test
    void versionThreeGivesEventsWrittenBeforeItTheirResourceIdAndReasonToSearch() throws SQLException {
        DataSource ds = H2.newDatabase();
        runScript(ds, "V1__create_tables.sql", "rk_");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rk_audit_events (id, occurred_at, actor_id, action, resource_type, resource_id,"
                    + " changes, reason) VALUES ('e1', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', 'ghost',"
                    + " 'access.denied', 'user', 'Old-Resource', '[]', 'The Acting User Does Not Exist')");
        }
        JdbcStorage storage = JdbcStorage.builder(ds).build(); // installs version 3 over version 1
        for (String text : java.util.List.of("old-resource", "acting user")) {
            assertEquals(1, storage.unitOfWork().read(() -> storage.auditTrail().find(
                    io.resellerkit.query.AuditQuery.all().withText(text), null, 10)).size(), text);
        }
    }

    private static void runScript(DataSource ds, String script, String prefix) throws SQLException {
        Dialect dialect = ds instanceof org.h2.jdbcx.JdbcDataSource ? Dialect.H2 : Dialect.POSTGRESQL;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : SchemaInstaller.statements(SchemaInstaller.text(dialect, script), prefix)) {
                s.execute(statement);
            }
        }
    }
}
