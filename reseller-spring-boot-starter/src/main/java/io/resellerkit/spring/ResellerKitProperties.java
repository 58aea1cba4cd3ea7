package io.resellerkit.spring;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ResellerKit's settings, under {@code resellerkit.*}. The JDBC ones apply only when the application
 * has a {@code DataSource}; without one, the kit runs on in-memory storage and ignores them.
 *
 * <p>Each {@code @param} below is also the property's description in IDEs (Spring Boot's
 * configuration metadata), so it is written as plain text.
 *
 * @param tablePrefix      The prefix of every table and index name: up to 20 of a-z, 0-9 and _, or empty.
 * @param installSchema    Whether startup installs the schema versions the database lacks. When false
 *                         (the application runs the shipped scripts with Flyway or Liquibase), startup
 *                         checks that they are there and fails naming the first missing version.
 * @param statementTimeout How long one SQL statement may run before it is cancelled (rounded up to
 *                         whole seconds).
 * @param joinTransactions Whether every call joins the Spring-managed transaction open on the calling
 *                         thread (@Transactional, TransactionTemplate), so that its changes commit or
 *                         roll back with the application's; outside one, each call is a transaction of
 *                         its own. The audit event of a refused call is stored at once in a transaction
 *                         of its own either way, so it outlives a rollback. When false, every call runs
 *                         in a transaction of ResellerKit's own, at write-isolation, and is run again
 *                         when the database refuses it for a serialization failure or a deadlock.
 * @param writeIsolation   The isolation level of the transactions in which calls write (unset: the
 *                         connection's own, read committed usually). Only with join-transactions=false:
 *                         in a joined transaction the application's transaction decides its isolation,
 *                         and setting this fails startup.
 * @param idempotencyKeyTtl How long an idempotency key (the HTTP API's Idempotency-Key header) counts
 *                         after the write that claimed it; afterwards the key is treated as never used.
 * @param resellerWebhooks How many webhook endpoints a reseller's admin may register for its reseller's own
 *                         events (0: only the vendor registers endpoints).
 * @param webhookHosts     The hosts webhook endpoints may name, each a host or a suffix starting with a dot
 *                         (.example.com); empty for any. Webhooks make the server send requests to addresses
 *                         its users chose: set this when resellers register endpoints.
 * @param api              The HTTP API's settings.
 */
@ConfigurationProperties("resellerkit")
public record ResellerKitProperties(
        @DefaultValue("rk_") String tablePrefix,
        @DefaultValue("true") boolean installSchema,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("true") boolean joinTransactions,
        WriteIsolation writeIsolation,
        @DefaultValue("24h") Duration idempotencyKeyTtl,
        @DefaultValue("0") int resellerWebhooks,
        @DefaultValue java.util.List<String> webhookHosts,
        @DefaultValue Api api) {

    /** Whether {@link #webhookHosts} lets an endpoint name this URL's host. */
    public boolean allowsWebhookTarget(java.net.URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return webhookHosts.isEmpty() || webhookHosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(h -> h.startsWith(".") ? host.endsWith(h) : host.equals(h));
    }

    /** The isolation levels at which ResellerKit's quotas hold exactly. */
    public enum WriteIsolation {
        /** Concurrent takers of one quota wait for each other's row lock; nobody is refused (recommended). */
        READ_COMMITTED,
        /** Concurrent takers of one quota may be refused by the database and are run again. */
        SERIALIZABLE
    }

    /**
     * The HTTP API's settings (a servlet web application with Spring MVC and Jackson 3 only).
     *
     * @param enabled     Whether the HTTP API is served (its endpoints are under base-path/v3/...).
     * @param basePath    The path under which the HTTP API is mounted.
     * @param maxBodySize The largest request body the HTTP API reads; a larger one is refused with 413.
     */
    public record Api(@DefaultValue("true") boolean enabled, @DefaultValue("/api/resellerkit") String basePath,
                      @DefaultValue("64KB") DataSize maxBodySize) {
    }
}
