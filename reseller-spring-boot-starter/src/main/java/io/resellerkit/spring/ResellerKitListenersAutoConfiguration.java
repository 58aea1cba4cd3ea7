package io.resellerkit.spring;

import io.resellerkit.spi.Storage;
import io.resellerkit.tail.AuditListener;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the application's {@link AuditListener} beans ({@link ListenerRunners}), each under its bean
 * name, on the kit's {@link Storage}; off with {@code resellerkit.listeners.enabled=false}. The
 * runners use the storage's own transactions, never the caller's Spring transaction.
 */
@AutoConfiguration(after = ResellerKitAutoConfiguration.class)
@ConditionalOnBean({AuditListener.class, Storage.class})
@ConditionalOnProperty(prefix = "resellerkit.listeners", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ResellerKitListenerProperties.class)
public class ResellerKitListenersAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitListenersAutoConfiguration() {
    }

    /** A runner per listener bean, started and stopped with the context. */
    @Bean
    @ConditionalOnMissingBean
    public ListenerRunners resellerKitListenerRunners(Storage storage, Map<String, AuditListener> listeners,
                                                      ResellerKitListenerProperties settings) {
        return new ListenerRunners(storage, listeners, settings);
    }
}
