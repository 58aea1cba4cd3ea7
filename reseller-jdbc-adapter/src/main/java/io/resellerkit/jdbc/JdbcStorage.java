package io.resellerkit.jdbc;

import io.resellerkit.error.StorageException;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.LicenseStore;
import io.resellerkit.spi.OrganizationStore;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UsageCounters;
import io.resellerkit.spi.UserStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * ResellerKit's storage on a relational database through plain JDBC, on the host's
 * {@link DataSource}. Thread-safe; build one per database and share it.
 *
 * <pre>{@code
 * Storage storage = JdbcStorage.builder(dataSource)
 *         .tablePrefix("rk_")
 *         .statementTimeout(Duration.ofSeconds(5))
 *         .build();
 * ResellerKit kit = ResellerKit.builder(storage).build();
 * }</pre>
 *
 * See the {@link io.resellerkit.jdbc package documentation} for the schema, transactions,
 * timeouts and how to join the host's own transactions.
 */
public final class JdbcStorage implements Storage {
    private final Dialect dialect;
    private final String tablePrefix;
    private final Transactions tx;
    private final ResellerStore resellers;
    private final UserStore users;
    private final OrganizationStore organizations;
    private final LicenseStore licenses;
    private final AuditTrail auditTrail;
    private final UsageCounters usageCounters;

    private JdbcStorage(Builder b, Dialect dialect) {
        this.dialect = dialect;
        this.tablePrefix = b.tablePrefix;
        this.tx = new Transactions(b.dataSource, b.hostConnections, b.writeIsolation.jdbcLevel, b.maxAttempts);
        Db db = new Db(dialect, tx, b.tablePrefix, timeoutSeconds(b.statementTimeout));
        this.resellers = new JdbcResellerStore(db);
        this.users = new JdbcUserStore(db);
        this.organizations = new JdbcOrganizationStore(db);
        this.licenses = new JdbcLicenseStore(db);
        this.auditTrail = new JdbcAuditTrail(db);
        this.usageCounters = new JdbcUsageCounters(db);
    }

    /** Starts configuring storage on {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The dialect in use, set or detected. */
    public Dialect dialect() {
        return dialect;
    }

    /** The prefix of every table name. */
    public String tablePrefix() {
        return tablePrefix;
    }

    @Override
    public ResellerStore resellers() {
        return resellers;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public OrganizationStore organizations() {
        return organizations;
    }

    @Override
    public LicenseStore licenses() {
        return licenses;
    }

    @Override
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    @Override
    public UsageCounters usageCounters() {
        return usageCounters;
    }

    @Override
    public UnitOfWork unitOfWork() {
        return tx;
    }

    /** JDBC's query timeout counts whole seconds; round up so a timeout is never shortened. */
    private static int timeoutSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
    }

    /** The isolation level of units that write; units that read run read-only at the connection's own level. */
    public enum Isolation {
        /** Whatever the connection has (PostgreSQL's and H2's default is read committed). */
        DATABASE_DEFAULT(-1),
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        private final int jdbcLevel;

        Isolation(int jdbcLevel) {
            this.jdbcLevel = jdbcLevel;
        }
    }

    /**
     * Configures a {@link JdbcStorage}. Every setter checks its argument at once; {@link #build()}
     * connects (to detect the dialect and to install the schema) unless both are switched off.
     */
    public static final class Builder {
        private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{0,20}");

        private final DataSource dataSource;
        private Dialect dialect;
        private String tablePrefix = "rk_";
        private boolean installSchema = true;
        private Duration statementTimeout = Duration.ofSeconds(30);
        private Isolation writeIsolation = Isolation.DATABASE_DEFAULT;
        private int maxAttempts = 5;
        private HostConnections hostConnections;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The database's dialect; by default read from the database's product name. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The prefix of every table and index name, {@code rk_} by default: up to 20 of
         * {@code a-z 0-9 _}, or empty.
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            if (!PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be up to 20 characters of a-z, 0-9 and _, but was '"
                        + (tablePrefix.length() > 40 ? tablePrefix.substring(0, 40) + "..." : tablePrefix) + "'");
            }
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * Whether {@link #build()} installs missing schema versions (true by default). Switch it off
         * when the host runs the shipped scripts with Flyway or Liquibase.
         */
        public Builder installSchema(boolean installSchema) {
            this.installSchema = installSchema;
            return this;
        }

        /**
         * How long one statement may run before the driver cancels it (30 seconds by default);
         * JDBC counts whole seconds, so it is rounded up. The call then fails with a
         * {@link StorageException}.
         */
        public Builder statementTimeout(Duration statementTimeout) {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (statementTimeout.isNegative() || statementTimeout.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, but was " + statementTimeout);
            }
            this.statementTimeout = statementTimeout;
            return this;
        }

        /** The isolation level of writing units of work; the connection's own by default. */
        public Builder writeIsolation(Isolation writeIsolation) {
            this.writeIsolation = Objects.requireNonNull(writeIsolation, "writeIsolation");
            return this;
        }

        /**
         * How many times a unit of work runs at most when the database refuses it for a
         * serialization failure or a deadlock (5 by default; 1 never retries).
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100, but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Runs every unit of work inside the host's transaction, on the connection that
         * {@code hostConnections} hands out, instead of on connections of its own: the adapter then
         * neither commits nor closes, and does not retry. The data source is still used to detect
         * the dialect and install the schema.
         */
        public Builder joinHostTransactions(HostConnections hostConnections) {
            this.hostConnections = Objects.requireNonNull(hostConnections, "hostConnections");
            return this;
        }

        /**
         * The storage, with its schema installed if asked.
         *
         * @throws StorageException         if the database cannot be reached for detection or installation
         * @throws IllegalArgumentException if the database is not one the adapter supports
         */
        public JdbcStorage build() {
            Dialect d = dialect != null ? dialect : detect();
            if (installSchema) {
                new SchemaInstaller(dataSource, d, tablePrefix, timeoutSeconds(statementTimeout)).install();
            }
            return new JdbcStorage(this, d);
        }

        private Dialect detect() {
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "detect the database", null);
            }
            return Dialect.fromProductName(product).orElseThrow(() -> new IllegalArgumentException(
                    "ResellerKit's JDBC adapter supports PostgreSQL and H2, not " + product));
        }
    }
}
