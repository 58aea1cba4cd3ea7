package io.resellerkit.jdbc;

import io.resellerkit.error.StorageException;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AccessGrants;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.IdempotencyKeys;
import io.resellerkit.spi.Leases;
import io.resellerkit.spi.LicenseStore;
import io.resellerkit.spi.OrganizationStore;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.TailCheckpoints;
import io.resellerkit.spi.TransferTokens;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UsageCounters;
import io.resellerkit.spi.UserAndReseller;
import io.resellerkit.spi.UserStore;
import io.resellerkit.spi.WebhookStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
    /** How long a unit refused for concurrent changes keeps being run again, unless {@code retryFor} says otherwise. */
    static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(30);
    private final Dialect dialect;
    private final String tablePrefix;
    private final Transactions tx;
    private final ResellerStore resellers;
    private final JdbcUserStore users;
    private final OrganizationStore organizations;
    private final LicenseStore licenses;
    private final AuditTrail auditTrail;
    private final UsageCounters usageCounters;
    private final IdempotencyKeys idempotencyKeys;
    private final TransferTokens transferTokens;
    private final TailCheckpoints tailCheckpoints;
    private final Leases leases;
    private final AccessGrants accessGrants;
    private final WebhookStore webhooks;

    private JdbcStorage(Builder b, Dialect dialect) {
        this.dialect = dialect;
        this.tablePrefix = b.tablePrefix;
        this.tx = new Transactions(b.dataSource, b.hostConnections,
                b.writeIsolation != null ? b.writeIsolation.jdbcLevel : -1,
                b.retryFor != null ? b.retryFor : DEFAULT_RETRY_FOR, b.maxAttempts != null ? b.maxAttempts : Integer.MAX_VALUE);
        Db db = new Db(dialect, tx, b.tablePrefix, timeoutSeconds(b.statementTimeout));
        JdbcResellerStore resellerStore = new JdbcResellerStore(db);
        this.resellers = resellerStore;
        this.users = new JdbcUserStore(db, resellerStore);
        this.organizations = new JdbcOrganizationStore(db);
        this.licenses = new JdbcLicenseStore(db);
        this.auditTrail = new JdbcAuditTrail(db);
        this.usageCounters = new JdbcUsageCounters(db);
        this.idempotencyKeys = new JdbcIdempotencyKeys(db);
        this.transferTokens = new JdbcTransferTokens(db);
        this.tailCheckpoints = new JdbcTailCheckpoints(db);
        this.leases = new JdbcLeases(db);
        this.accessGrants = new JdbcAccessGrants(db);
        this.webhooks = new JdbcWebhooks(db);
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

    /** The user and its reseller in one statement (a join), not two round trips. */
    @Override
    public Optional<UserAndReseller> findUserAndReseller(UserId id) {
        return users.findWithReseller(id);
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
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    @Override
    public TransferTokens transferTokens() {
        return transferTokens;
    }

    @Override
    public AccessGrants accessGrants() {
        return accessGrants;
    }

    @Override
    public UnitOfWork unitOfWork() {
        return tx;
    }

    @Override
    public TailCheckpoints tailCheckpoints() {
        return tailCheckpoints;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
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
     * Configures a {@link JdbcStorage}. Every setter checks its argument at once, {@link #build()}
     * checks how they combine; {@code build()} connects to detect the dialect (unless it is set)
     * and to install the schema, or, with {@code installSchema(false)}, to check that it is there.
     */
    public static final class Builder {
        private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{0,20}");

        private final DataSource dataSource;
        private Dialect dialect;
        private String tablePrefix = "rk_";
        private boolean installSchema = true;
        private Duration statementTimeout = Duration.ofSeconds(30);
        /** The retry and isolation settings stay null unless set: host mode refuses them. */
        private Isolation writeIsolation;
        private Integer maxAttempts;
        private Duration retryFor;
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
         * when the host runs the shipped scripts with Flyway or Liquibase; {@code build()} then
         * checks that every version's tables are there and fails naming the first missing version.
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

        /**
         * The isolation level of writing units of work; the connection's own by default. Not with
         * {@link #joinHostTransactions}: the host's transaction has its own.
         */
        public Builder writeIsolation(Isolation writeIsolation) {
            this.writeIsolation = Objects.requireNonNull(writeIsolation, "writeIsolation");
            return this;
        }

        /**
         * How long after its first start a unit of work that the database refuses for a
         * serialization failure or a deadlock is still run again (30 seconds by default; zero never
         * retries). The pauses between runs grow exponentially with random jitter and never pass
         * this budget. Not with {@link #joinHostTransactions}.
         */
        public Builder retryFor(Duration retryFor) {
            Objects.requireNonNull(retryFor, "retryFor");
            if (retryFor.isNegative()) {
                throw new IllegalArgumentException("retryFor must be zero or positive, but was " + retryFor);
            }
            this.retryFor = retryFor;
            return this;
        }

        /**
         * An extra bound besides {@link #retryFor}: how many times a refused unit of work runs at
         * most (no bound by default; 1 never retries). Not with {@link #joinHostTransactions}.
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
         * neither commits, closes nor retries it. Where the host has no transaction open (an
         * auto-commit connection), a unit is a transaction of its own on that connection. The data
         * source is still used to detect the dialect and install the schema, and for refusal events,
         * which are stored on a connection of the adapter's own so that they outlive the host's
         * rollback: it must hand out fresh pooled connections (not, for example, Spring's
         * {@code TransactionAwareDataSourceProxy}), and the pool needs one connection to spare.
         * Those transactions of the adapter's own retry with the default budget. Refuses
         * {@link #writeIsolation}, {@link #retryFor} and {@link #maxAttempts} at {@link #build()}:
         * the host's transaction decides those.
         */
        public Builder joinHostTransactions(HostConnections hostConnections) {
            this.hostConnections = Objects.requireNonNull(hostConnections, "hostConnections");
            return this;
        }

        /**
         * The storage, with its schema installed if asked, or checked.
         *
         * @throws StorageException         if the database cannot be reached for detection or
         *                                  installation, or, with {@code installSchema(false)}, lacks
         *                                  a schema version
         * @throws IllegalArgumentException if the database is not one the adapter supports
         * @throws IllegalStateException    if {@link #joinHostTransactions} is combined with a setting
         *                                  that only the host's transaction decides
         */
        public JdbcStorage build() {
            if (hostConnections != null) {
                refuseWithHostTransactions(writeIsolation, "writeIsolation", "its isolation level");
                refuseWithHostTransactions(retryFor, "retryFor", "whether it is retried");
                refuseWithHostTransactions(maxAttempts, "maxAttempts", "whether it is retried");
            }
            Dialect d = dialect != null ? dialect : detect();
            SchemaInstaller schema = new SchemaInstaller(dataSource, d, tablePrefix, timeoutSeconds(statementTimeout));
            if (installSchema) {
                schema.install();
            } else {
                schema.verify();
            }
            return new JdbcStorage(this, d);
        }

        private static void refuseWithHostTransactions(Object setting, String name, String whatTheHostDecides) {
            if (setting != null) {
                throw new IllegalStateException("joinHostTransactions cannot be combined with " + name
                        + ": the host's transaction decides " + whatTheHostDecides);
            }
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
