package io.resellerkit.spring;

import io.resellerkit.spi.Storage;
import io.resellerkit.tail.AuditListener;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.Webhooks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Webhooks when {@code resellerkit.webhooks.enabled=true}: the {@link Webhooks} bean (endpoints,
 * the delivery log, replay), its listener as the {@link AuditListener} bean {@code webhooks} (run,
 * like every listener bean, by {@link ResellerKitListenersAutoConfiguration} on one node of many),
 * and a {@link WebhookSender} on this node, started and stopped with the context. Both, and the
 * kit's {@link io.resellerkit.WebhookService}, accept only the hosts {@code resellerkit.webhook-hosts}
 * lists (any when it is empty).
 */
@AutoConfiguration(after = ResellerKitAutoConfiguration.class, before = ResellerKitListenersAutoConfiguration.class)
@ConditionalOnBean(Storage.class)
@ConditionalOnProperty(prefix = "resellerkit.webhooks", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ResellerKitWebhookProperties.class)
public class ResellerKitWebhooksAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitWebhooksAutoConfiguration() {
    }

    /** Endpoints, the delivery log and replay, on the kit's storage. */
    @Bean
    @ConditionalOnMissingBean
    public Webhooks resellerKitWebhooks(Storage storage, ResellerKitProperties properties) {
        return Webhooks.builder(storage).allowedTargets(properties::allowsWebhookTarget).build();
    }

    /** The listener that queues deliveries, run under the name {@code webhooks}. */
    @Bean(name = "webhooks")
    public AuditListener webhooksListener(Webhooks webhooks) {
        return webhooks.listener();
    }

    /** Posts due deliveries from this node; every node may run one. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnMissingBean
    public WebhookSender resellerKitWebhookSender(Storage storage, ResellerKitWebhookProperties settings,
                                                  ResellerKitProperties properties) {
        return WebhookSender.builder(storage)
                .allowedTargets(properties::allowsWebhookTarget)
                .connectTimeout(settings.connectTimeout())
                .requestTimeout(settings.requestTimeout())
                .claimTtl(settings.claimTtl())
                .pollInterval(settings.pollInterval())
                .retryBackoff(settings.firstBackoff(), settings.maxBackoff())
                .maxAttempts(settings.maxAttempts())
                .batchSize(settings.batchSize())
                .build();
    }
}
