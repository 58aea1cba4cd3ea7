package io.resellerkit.spring.metrics;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ResellerKit's metrics settings, under {@code resellerkit.metrics.*}. They apply only when the
 * application has Micrometer and a {@code MeterRegistry}.
 *
 * <p>Each {@code @param} below is also the property's description in IDEs, so it is plain text.
 *
 * @param enabled     Whether ResellerKit records its metrics: a timer per operation and outcome
 *                    (resellerkit.operations), a counter of refusals per error code (resellerkit.refusals),
 *                    and the quota gauges of the resellers listed in quota-gauges.
 * @param quotaGauges The ids of the resellers whose quota usage and limits are gauged
 *                    (resellerkit.quota.usage and resellerkit.quota.limit, tagged reseller and quota),
 *                    at most 100: each reseller adds four time series, and every scrape reads them from
 *                    storage. Empty by default.
 */
@ConfigurationProperties("resellerkit.metrics")
public record ResellerKitMetricsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> quotaGauges) {

    /** The most resellers {@code quota-gauges} may list. */
    public static final int MAX_QUOTA_GAUGES = 100;
}
