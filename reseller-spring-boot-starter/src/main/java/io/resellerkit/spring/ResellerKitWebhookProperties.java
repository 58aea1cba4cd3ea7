package io.resellerkit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of webhooks, under {@code resellerkit.webhooks.*}.
 *
 * <p>Each {@code @param} below is also the property's description in IDEs, so it is plain text.
 *
 * @param enabled        Whether webhooks run: a listener named webhooks queues one delivery per event and
 *                       matching endpoint, and a sender on this node posts the due deliveries.
 * @param connectTimeout How long connecting to an endpoint may take.
 * @param requestTimeout How long an endpoint may take to answer; longer counts as a failure.
 * @param claimTtl       How long a node's claim on a delivery lasts: how soon another node retries a delivery
 *                       whose sender died. More than connect-timeout plus request-timeout.
 * @param pollInterval   The pause between passes of the sender that found nothing due.
 * @param firstBackoff   The bound of the random pause after a delivery's first failure; it doubles with each
 *                       next failure up to max-backoff.
 * @param maxBackoff     The largest bound of the pause between attempts.
 * @param maxAttempts    How many failed attempts make a delivery dead (until replayed).
 * @param batchSize      How many deliveries a pass claims and sends at once.
 */
@ConfigurationProperties("resellerkit.webhooks")
public record ResellerKitWebhookProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("60s") Duration claimTtl,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("50") int batchSize) {
}
