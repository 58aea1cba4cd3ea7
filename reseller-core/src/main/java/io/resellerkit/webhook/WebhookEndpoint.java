package io.resellerkit.webhook;

import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.WebhookStore.Endpoint;
import java.time.Instant;
import java.util.Set;

/**
 * A registered endpoint, without its secret (which is shown once, at registration).
 *
 * @param id         its id
 * @param url        where deliveries are posted
 * @param eventTypes the action codes it receives; empty for all
 * @param resellerId only this reseller's events; null for every event
 * @param createdAt  when it was registered
 */
public record WebhookEndpoint(String id, String url, Set<String> eventTypes, ResellerId resellerId, Instant createdAt) {

    /** The endpoint as stored, without its secret. */
    public static WebhookEndpoint of(Endpoint e) {
        return new WebhookEndpoint(e.id(), e.url(), e.eventTypes(), e.resellerId(), e.createdAt());
    }

    /**
     * What registration returns.
     *
     * @param endpoint the endpoint
     * @param secret   its signing secret: shown only here, keep it where the receiver can read it
     */
    public record Registered(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Registered[endpoint=" + endpoint + ", secret=(hidden)]";
        }
    }
}
