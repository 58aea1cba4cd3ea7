package io.resellerkit.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.resellerkit.spi.Storage;
import io.resellerkit.spring.ListenerRunners;
import io.resellerkit.spring.ResellerKitAutoConfiguration;
import io.resellerkit.tail.ListenerRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ResellerKit's metrics, when the application has Micrometer and a {@code MeterRegistry}
 * ({@link MicrometerOperationObserver}, {@link QuotaGauges}, {@link ListenerLagGauges}; off with
 * {@code resellerkit.metrics.enabled=false}), and the health of its storage, when it has Spring
 * Boot's health API ({@link StorageHealthIndicator}, named {@code resellerKitStorage}; off with
 * {@code management.health.resellerkit.enabled=false}). Each bean backs off when the application
 * defines its own.
 */
@AutoConfiguration(after = ResellerKitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration", // Boot 4
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"}) // Boot 3
@EnableConfigurationProperties(ResellerKitMetricsProperties.class)
public class ResellerKitMetricsAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitMetricsAutoConfiguration() {
    }

    /** Timers, refusal counters and quota gauges in the application's registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(prefix = "resellerkit.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        MicrometerOperationObserver resellerKitMetricsObserver(MeterRegistry registry) {
            return new MicrometerOperationObserver(registry);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(Storage.class)
        QuotaGauges resellerKitQuotaGauges(MeterRegistry registry, Storage storage,
                                           ResellerKitMetricsProperties properties) {
            return new QuotaGauges(registry, storage, properties.quotaGauges());
        }

        @Bean
        @ConditionalOnMissingBean
        ListenerLagGauges resellerKitListenerLagGauges(MeterRegistry registry, ObjectProvider<ListenerRunners> started,
                                                       ObjectProvider<ListenerRunner> own) {
            List<ListenerRunner> runners = new ArrayList<>(own.orderedStream().toList());
            started.ifAvailable(r -> runners.addAll(r.runners()));
            return new ListenerLagGauges(registry, runners, Clock.systemUTC());
        }
    }

    /** The storage's health, among the application's health indicators. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(Storage.class)
    @ConditionalOnEnabledHealthIndicator("resellerkit")
    static class StorageHealth {
        @Bean
        @ConditionalOnMissingBean(name = "resellerKitStorageHealthIndicator")
        StorageHealthIndicator resellerKitStorageHealthIndicator(Storage storage) {
            return new StorageHealthIndicator(storage);
        }
    }
}
