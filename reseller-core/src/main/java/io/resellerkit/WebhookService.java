package io.resellerkit;

import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.webhook.WebhookEndpoint;
import java.util.List;

/**
 * Webhook endpoints as the people of the channel manage them, permission-checked and audited:
 * the vendor registers endpoints for every event or one reseller's; a reseller's admin, where the
 * vendor allows it ({@link ResellerKit.Builder#resellerWebhooks}), for its own reseller's events
 * (or a reseller below it), and reads, deletes and replays only those. The deliveries are made by
 * the host's {@link io.resellerkit.webhook.Webhooks#listener() listener} and
 * {@link io.resellerkit.webhook.WebhookSender}, the same for endpoints registered here or there.
 * Events: {@code webhook.registered}, {@code webhook.deleted} and {@code webhook.replayed}, in
 * the trail of the endpoint's reseller (the vendor's for an endpoint of every event); a secret
 * never appears in one.
 */
public interface WebhookService {

    /**
     * Registers an endpoint and generates its signing secret, returned only here.
     *
     * @throws io.resellerkit.error.ValidationException naming {@code url} or {@code eventTypes}
     * @throws io.resellerkit.error.AccessDeniedException if the actor may not register for that
     *         reseller (or for every event), or the vendor lets no reseller register endpoints
     * @throws io.resellerkit.error.QuotaExceededException if the reseller holds as many endpoints
     *         as the vendor allows a reseller (quota {@code webhooks})
     * @throws io.resellerkit.error.NotFoundException if the reseller does not exist
     */
    WebhookEndpoint.Registered register(RequestContext context, RegisterWebhook command);

    /** The endpoints of {@code resellerId}, or with null every endpoint (the vendor only), without secrets. */
    List<WebhookEndpoint> list(RequestContext context, ResellerId resellerId);

    /** One endpoint, without its secret. */
    WebhookEndpoint get(RequestContext context, String endpointId);

    /** Deletes the endpoint; its pending deliveries go dead when next due. */
    void delete(RequestContext context, String endpointId);

    /**
     * The delivery log of one endpoint (or, for the vendor, with {@code filter.endpointId()} null,
     * of all): up to {@code limit} (1 to 100) deliveries, newest first, after {@code after}.
     */
    List<StoredDelivery> deliveries(RequestContext context, DeliveryFilter filter, StoredDelivery after, int limit);

    /**
     * Sends a delivered or dead delivery again: same delivery id and body, due now.
     *
     * @throws io.resellerkit.error.ConflictException of kind INVALID_STATE if it is still pending
     */
    void replay(RequestContext context, String deliveryId);
}
