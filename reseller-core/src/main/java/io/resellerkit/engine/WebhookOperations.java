package io.resellerkit.engine;

import io.resellerkit.RequestContext;
import io.resellerkit.WebhookService;
import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.spi.WebhookStore;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.Endpoint;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.webhook.WebhookEndpoint;
import io.resellerkit.webhook.Webhooks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The kit's {@link WebhookService}: {@link Webhooks}' endpoints and delivery log behind the
 * permission table, with an event for every change. An endpoint is judged by its reseller (null:
 * every event, the vendor's alone). A reseller's staff register only where the vendor allows it,
 * and at most {@code resellerWebhooks} endpoints per reseller.
 */
final class WebhookOperations implements WebhookService {
    private static final String TYPE = "webhook";
    private static final String DELIVERY = "webhook-delivery";

    private final Engine engine;
    private final Predicate<URI> allowedTargets;
    private final int resellerWebhooks;

    WebhookOperations(Engine engine, Predicate<URI> allowedTargets, int resellerWebhooks) {
        this.engine = engine;
        this.allowedTargets = allowedTargets;
        this.resellerWebhooks = resellerWebhooks;
    }

    @Override
    public WebhookEndpoint.Registered register(RequestContext context, RegisterWebhook command) {
        Engine.required("context", context, "command", command);
        // A replay could not show the secret again, so a key is not honoured: every call registers.
        return engine.runner.write(context.withIdempotencyKey(null), TYPE, Operation.WEBHOOK_REGISTER, call -> {
            ResellerId reseller = command.resellerId();
            if (reseller != null) {
                engine.reseller(call, reseller);
            }
            Target target = target(null, reseller);
            engine.runner.require(call, Operation.WEBHOOK_REGISTER, target);
            boolean byVendor = call.actor().role() == Role.ADMIN;
            if (!byVendor && resellerWebhooks == 0) {
                throw OperationRunner.denied(call, target, "the vendor lets no reseller register webhooks");
            }
            Endpoint e = Webhooks.newEndpoint(command.url(), command.eventTypes(), reseller, allowedTargets,
                    engine.now());
            store().insertEndpoint(e);
            engine.auditor.changedFields(call, AuditAction.WEBHOOK_REGISTERED, TYPE, e.id(), reseller, Map.of(),
                    fields(e));
            if (!byVendor) {
                // Counted once the event holds the reseller's chain: registrations for one reseller
                // take turns there, so each sees the ones committed before it and the cap holds.
                long held = store().endpoints().stream().filter(x -> reseller.equals(x.resellerId())).count();
                if (held > resellerWebhooks) {
                    throw OperationRunner.quotaExceeded(target, reseller, "webhooks", resellerWebhooks, held - 1);
                }
            }
            return new WebhookEndpoint.Registered(WebhookEndpoint.of(e), e.secret());
        }, command);
    }

    @Override
    public List<WebhookEndpoint> list(RequestContext context, ResellerId resellerId) {
        return engine.runner.read(context, TYPE, call -> {
            if (resellerId != null) {
                engine.reseller(call, resellerId);
            }
            engine.runner.require(call, Operation.WEBHOOK_LIST, target(null, resellerId));
            return store().endpoints().stream()
                    .filter(e -> resellerId == null || resellerId.equals(e.resellerId()))
                    .map(WebhookEndpoint::of).toList();
        });
    }

    @Override
    public WebhookEndpoint get(RequestContext context, String endpointId) {
        Engine.required("endpointId", endpointId);
        return engine.runner.read(context, TYPE, call -> WebhookEndpoint.of(endpoint(call, endpointId,
                Operation.WEBHOOK_READ)));
    }

    @Override
    public void delete(RequestContext context, String endpointId) {
        Engine.required("endpointId", endpointId);
        engine.runner.write(context, TYPE, Operation.WEBHOOK_DELETE, call -> {
            Endpoint e = endpoint(call, endpointId, Operation.WEBHOOK_DELETE);
            if (!store().deleteEndpoint(e.id())) {
                throw new NotFoundException(TYPE, endpointId); // deleted meanwhile
            }
            engine.auditor.changedFields(call, AuditAction.WEBHOOK_DELETED, TYPE, e.id(), e.resellerId(), fields(e),
                    Map.of());
            return null;
        }, endpointId);
    }

    @Override
    public List<StoredDelivery> deliveries(RequestContext context, DeliveryFilter filter, StoredDelivery after,
                                           int limit) {
        Engine.required("filter", filter);
        if (limit < 1 || limit > 100) {
            throw ValidationException.of("limit", "Range", "must be between 1 and 100");
        }
        return engine.runner.read(context, TYPE, call -> {
            if (filter.endpointId() != null) {
                endpoint(call, filter.endpointId(), Operation.WEBHOOK_READ);
            } else {
                engine.runner.require(call, Operation.WEBHOOK_LIST, target(null, null));
            }
            List<StoredDelivery> page = store().deliveries(filter, after, limit);
            // Only the vendor sees why an attempt failed: "connection refused" against "timed out"
            // would let a reseller map the network the senders stand in.
            return call.actor().role() == Role.ADMIN ? page : page.stream().map(WebhookOperations::withoutCause).toList();
        });
    }

    @Override
    public void replay(RequestContext context, String deliveryId) {
        Engine.required("deliveryId", deliveryId);
        engine.runner.write(context, TYPE, Operation.WEBHOOK_REPLAY, call -> {
            StoredDelivery d = Engine.existing(store().findDelivery(deliveryId), DELIVERY, deliveryId);
            Endpoint e = endpoint(call, d.endpointId(), Operation.WEBHOOK_REPLAY);
            if (!store().requeue(d.id(), engine.now())) {
                throw new ConflictException(ConflictException.Kind.INVALID_STATE, "the delivery is still pending");
            }
            engine.auditor.changedFields(call, AuditAction.WEBHOOK_REPLAYED, DELIVERY, d.id(), e.resellerId(),
                    Map.of("state", d.state().code()), Map.of("state", WebhookStore.DeliveryState.PENDING.code()));
            return null;
        }, deliveryId);
    }

    /** The endpoint, if the actor may do {@code op} on it. */
    private Endpoint endpoint(Call call, String id, Operation op) {
        Endpoint e = Engine.existing(store().findEndpoint(id), TYPE, id);
        engine.runner.require(call, op, target(e.id(), e.resellerId()));
        return e;
    }

    private static Target target(String endpointId, ResellerId reseller) {
        return new Target(TYPE, endpointId, reseller, null, null, null, null);
    }

    private static StoredDelivery withoutCause(StoredDelivery d) {
        String error = d.lastError() == null ? null : d.lastStatus() != 0 ? "the endpoint answered " + d.lastStatus()
                : "no answer";
        return new StoredDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.resellerId(), d.payload(),
                d.state(), d.attempts(), d.nextAttemptAt(), d.claimedBy(), d.claimExpiresAt(), d.createdAt(),
                d.lastAttemptAt(), d.lastStatus(), error);
    }

    /**
     * What an event tells of an endpoint: its URL without the query (where receivers often put a
     * token), its event types and reseller; never its secret.
     */
    private static Map<String, String> fields(Endpoint e) {
        Map<String, String> f = new LinkedHashMap<>();
        URI u = URI.create(e.url());
        f.put("url", u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath()));
        f.put("eventTypes", String.join(",", new TreeSet<>(e.eventTypes())));
        if (e.resellerId() != null) {
            f.put("resellerId", e.resellerId().value());
        }
        return f;
    }

    /** The storage's webhooks; an adapter that keeps none throws UnsupportedOperationException. */
    private WebhookStore store() {
        return engine.storage.webhooks();
    }
}
