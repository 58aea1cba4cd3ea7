package io.resellerkit.spring;

import io.resellerkit.OperationObserver;
import io.resellerkit.ResellerKit;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.jdbc.HostConnections;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Auto-configures a {@link ResellerKit} bean on a {@link Storage} bean: a {@link JdbcStorage} on the
 * application's {@link DataSource} when it has one, otherwise an {@link InMemoryStorage}. Each bean
 * backs off when the application defines its own of that type. See {@link ResellerKitProperties}
 * for the settings.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Spring Boot 4
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"}) // Spring Boot 3
@EnableConfigurationProperties(ResellerKitProperties.class)
public class ResellerKitAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ResellerKitAutoConfiguration.class);

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitAutoConfiguration() {
    }

    /** The kit, on whichever {@link Storage} bean there is, told of its calls by every {@link OperationObserver} bean. */
    @Bean
    @ConditionalOnMissingBean
    public ResellerKit resellerKit(Storage storage, ObjectProvider<OperationObserver> observers,
                                   ResellerKitProperties properties) {
        if (properties.resellerWebhooks() > 0 && properties.webhookHosts().isEmpty()) {
            // Resellers would make this server call any address they chose, the internal network's too.
            throw new IllegalStateException("resellerkit.reseller-webhooks is " + properties.resellerWebhooks()
                    + " but resellerkit.webhook-hosts is empty: list the hosts resellers' endpoints may name");
        }
        ResellerKit.Builder builder = ResellerKit.builder(storage).idempotencyKeyTtl(properties.idempotencyKeyTtl())
                .resellerWebhooks(properties.resellerWebhooks()).webhookTargets(properties::allowsWebhookTarget);
        List<OperationObserver> all = observers.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.observer((operation, outcome, nanos) -> all.forEach(o -> {
                // One observer that fails must not keep the others from being told.
                try {
                    o.completed(operation, outcome, nanos);
                } catch (RuntimeException e) {
                    LOG.debug("an operation observer failed on {}", operation, e);
                }
            }));
        }
        return builder.build();
    }

    /** JDBC storage on the application's one {@code DataSource} (or its primary one). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class Jdbc {
        @Bean
        @ConditionalOnMissingBean(Storage.class)
        JdbcStorage resellerKitStorage(DataSource dataSource, ResellerKitProperties properties) {
            DataSource pool = unwrap(dataSource);
            JdbcStorage.Builder builder = JdbcStorage.builder(pool)
                    .tablePrefix(properties.tablePrefix())
                    .installSchema(properties.installSchema())
                    .statementTimeout(properties.statementTimeout());
            if (properties.joinTransactions()) {
                builder.joinHostTransactions(springTransactions(pool));
            }
            if (properties.writeIsolation() != null) {
                // In host mode build() refuses it, naming the conflict: a setting that cannot hold fails startup.
                builder.writeIsolation(JdbcStorage.Isolation.valueOf(properties.writeIsolation().name()));
            }
            return builder.build();
        }

        /**
         * The pool behind a {@link TransactionAwareDataSourceProxy}: the adapter stores refusal events
         * on connections of its own from it, which the proxy would hand out from the host's transaction
         * instead. Spring's transaction managers bind their connection to the pool too.
         */
        static DataSource unwrap(DataSource dataSource) {
            DataSource ds = dataSource;
            while (ds instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
                ds = proxy.getTargetDataSource();
            }
            return ds;
        }

        /** The connection of the Spring-managed transaction on the calling thread, or a fresh one outside any. */
        private static HostConnections springTransactions(DataSource pool) {
            // The do... variants throw the SQLException itself, which the adapter translates into a
            // StorageException; the others wrap it in Spring's own exception, which would reach the caller.
            return new HostConnections() {
                @Override
                public Connection current() throws SQLException {
                    return DataSourceUtils.doGetConnection(pool);
                }

                @Override
                public void release(Connection connection) throws SQLException {
                    DataSourceUtils.doReleaseConnection(connection, pool);
                }
            };
        }
    }

    /** In-memory storage when the application has no {@code DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(DataSource.class)
    static class InMemory {
        @Bean
        @ConditionalOnMissingBean(Storage.class)
        InMemoryStorage resellerKitStorage() {
            LOG.warn("No DataSource: ResellerKit keeps its data in memory, and loses it at shutdown");
            return new InMemoryStorage();
        }
    }
}
