package io.resellerkit.jdbc;

import io.resellerkit.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the shipped schema scripts that a database lacks, in version order, and records each
 * in {@code <prefix>schema_migrations}; or, for hosts that run the scripts themselves, checks
 * that each version's tables are there. Needs one connection. On PostgreSQL, installers in
 * several JVMs at once take turns through a transaction-scoped advisory lock, and the scripts run
 * in that transaction, so a failed script leaves nothing behind. H2's DDL commits at once, so no
 * transaction can hold a lock across a script: installers in one JVM take turns on a lock of
 * this class, and the H2 scripts (written with {@code IF NOT EXISTS}) and the version row (a
 * {@code MERGE}) can be applied twice, so installers in several JVMs (H2's server mode) that
 * race are harmless.
 */
final class SchemaInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);
    /** The scripts in version order; each exists once per dialect. Versions may skip numbers. */
    static final List<String> SCRIPTS = List.of("V1__create_tables.sql", "V2__idempotency_keys.sql",
            "V3__audit_context.sql", "V4__reseller_lifecycle.sql", "V5__transfer_tokens.sql", "V6__audit_chain.sql",
            "V7__reseller_tiers.sql", "V8__access_grants.sql", "V9__tail_checkpoints.sql",
            "V10__audit_retention.sql", "V11__webhooks.sql", "V12__reseller_issued_licenses.sql");
    /** The first key of the PostgreSQL advisory lock: "RKit". */
    private static final int LOCK_NAMESPACE = 0x524B6974;
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\S+)");
    private static final Pattern ADD_COLUMN = Pattern.compile("ALTER TABLE (\\S+) ADD COLUMN (?:IF NOT EXISTS )?(\\w+)");
    /** H2 installers in this JVM take turns on it (see the class comment). */
    private static final Object H2_INSTALLS = new Object();

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String prefix;
    private final int timeoutSeconds;

    SchemaInstaller(DataSource dataSource, Dialect dialect, String prefix, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The classpath location of a script. */
    static String resource(Dialect dialect, String script) {
        return "io/resellerkit/jdbc/schema/" + dialect.schemaFolder() + "/" + script;
    }

    /** The script's text as shipped, before the prefix is put in. */
    static String text(Dialect dialect, String script) {
        String path = resource(dialect, script);
        try (InputStream in = SchemaInstaller.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the jar: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema script " + path, e);
        }
    }

    /** The script's statements with the prefix put in: comments dropped, split at each {@code ;}. */
    static List<String> statements(String text, String prefix) {
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : sql.toString().replace("${prefix}", prefix).split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    /** Installs what is missing. */
    void install() {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                installOnPostgres();
            } else {
                installOnH2();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "install the schema", null);
        }
    }

    private void installOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                    ps.setQueryTimeout(timeoutSeconds);
                    ps.setInt(1, LOCK_NAMESPACE);
                    ps.setInt(2, prefix.hashCode());
                    ps.executeQuery().close();
                }
                createMigrationsTable(c);
                applyMissing(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void installOnH2() throws SQLException {
        synchronized (H2_INSTALLS) {
            try (Connection c = dataSource.getConnection()) {
                boolean wasAutoCommit = c.getAutoCommit();
                c.setAutoCommit(true);
                try {
                    createMigrationsTable(c);
                    applyMissing(c);
                } finally {
                    c.setAutoCommit(wasAutoCommit);
                }
            }
        }
    }

    /**
     * Checks, for a host that installs the scripts itself, that every shipped version's tables
     * and added columns exist under the prefix; fails naming the first version that is missing.
     * The host's tool records versions in its own table, not in {@code <prefix>schema_migrations},
     * so the tables themselves are looked at.
     */
    void verify() {
        try (Connection c = dataSource.getConnection()) {
            for (String script : SCRIPTS) {
                for (Created created : createdBy(script)) {
                    String missing = missing(c, created);
                    if (missing != null) {
                        throw new StorageException("ResellerKit schema version " + version(script) + " (" + script
                                + ") is missing from the database: there is no " + created + " (SQLState " + missing
                                + "). Run the shipped scripts with the table prefix '" + prefix
                                + "', or let build() install them (installSchema(true))", null, false);
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "check the schema", null);
        }
    }

    /** A table a script creates, or a column it adds to one ({@code column} null for the table). */
    private record Created(String table, String column) {
        @Override
        public String toString() {
            return column == null ? "table " + table : "column " + column + " in " + table;
        }
    }

    /** What a script creates, with the prefix put in. */
    private List<Created> createdBy(String script) {
        List<Created> created = new ArrayList<>();
        for (String statement : statements(text(dialect, script), prefix)) {
            Matcher table = CREATE_TABLE.matcher(statement);
            Matcher column = ADD_COLUMN.matcher(statement);
            if (table.lookingAt()) {
                created.add(new Created(table.group(1), null));
            } else if (column.lookingAt()) {
                created.add(new Created(column.group(1), column.group(2)));
            }
        }
        return created;
    }

    /** The SQLState that says it is missing (class 42, "no such object"), or null if it is there. */
    private String missing(Connection c, Created created) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            s.executeQuery("SELECT " + (created.column == null ? "1" : created.column) + " FROM " + created.table
                    + " WHERE 1 = 0").close();
            return null;
        } catch (SQLException e) {
            String state = SqlErrors.state(e);
            if (state != null && state.startsWith("42")) {
                if (!c.getAutoCommit()) {
                    c.rollback(); // PostgreSQL refuses any further statement in a failed transaction
                }
                return state;
            }
            throw e;
        }
    }

    private static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalStateException("badly named schema script " + script);
        }
        return Integer.parseInt(m.group(1));
    }

    private void createMigrationsTable(Connection c) throws SQLException {
        execute(c, "CREATE TABLE IF NOT EXISTS " + prefix + "schema_migrations ("
                + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                + " installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }

    private void applyMissing(Connection c) throws SQLException {
        Map<Integer, String> installed = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, checksum FROM " + prefix + "schema_migrations")) {
            ps.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    installed.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        for (String script : SCRIPTS) {
            int version = version(script);
            String text = text(dialect, script);
            String checksum = sha256(text);
            if (installed.containsKey(version)) {
                if (!checksum.equals(installed.get(version))) {
                    LOG.warn("schema version {} was installed from a different script than {} ships", version, script);
                }
                continue;
            }
            LOG.info("installing ResellerKit schema version {} ({}) with table prefix '{}'", version, script, prefix);
            for (String statement : statements(text, prefix)) {
                execute(c, statement);
            }
            // On H2 an installer in another JVM may have applied the same version meanwhile (see the class comment).
            String record = dialect == Dialect.H2 ? "MERGE INTO " + prefix
                    + "schema_migrations (version, script, checksum, installed_at) KEY (version) VALUES (?, ?, ?, ?)"
                    : "INSERT INTO " + prefix + "schema_migrations (version, script, checksum, installed_at) VALUES (?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(record)) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setInt(1, version);
                ps.setString(2, script);
                ps.setString(3, checksum);
                Binds.bind(ps, 4, Binds.Type.TIME, Instant.now().truncatedTo(ChronoUnit.MICROS));
                ps.executeUpdate();
            }
        }
        int newest = version(SCRIPTS.get(SCRIPTS.size() - 1));
        installed.keySet().stream().filter(v -> v > newest).findAny().ifPresent(v ->
                LOG.warn("the database has schema version {}, newer than this ResellerKit knows ({})", v, newest));
    }

    private void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            s.execute(sql);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException("SHA-256 is not available", e);
        }
    }
}
