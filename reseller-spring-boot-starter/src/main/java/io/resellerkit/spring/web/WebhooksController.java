package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.DeliveryState;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.resellerkit.spring.web.ApiModels.RegisterWebhookJson;
import io.resellerkit.spring.web.ApiModels.RegisteredWebhookJson;
import io.resellerkit.spring.web.ApiModels.WebhookDeliveryJson;
import io.resellerkit.spring.web.ApiModels.WebhookJson;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints and their delivery log: {@code /v3/webhooks}. Who may do what is the core's
 * {@link io.resellerkit.WebhookService}; the secret is in the registration's answer only.
 */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/webhooks")
public class WebhooksController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public WebhooksController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** Registers an endpoint for {@code resellerId}'s events (none: every event, the vendor only); answers its secret once. */
    @PostMapping
    public ResponseEntity<RegisteredWebhookJson> register(@Parameter(hidden = true) RequestContext context,
            @RequestBody RegisterWebhookJson body) {
        var r = kit.webhooks().register(context, new RegisterWebhook(body.url(), eventTypes(body.eventTypes()),
                body.resellerId() == null ? null : Http.id("resellerId", body.resellerId(), ResellerId::of)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new RegisteredWebhookJson(WebhookJson.of(r.endpoint()),
                r.secret()));
    }

    /** The endpoints of {@code resellerId}, or without it every endpoint (the vendor only). */
    @GetMapping
    public PageJson<WebhookJson> list(@Parameter(hidden = true) RequestContext context,
            @RequestParam(required = false) String resellerId) {
        ResellerId reseller = resellerId == null ? null : Http.id("resellerId", resellerId, ResellerId::of);
        return new PageJson<>(kit.webhooks().list(context, reseller).stream().map(WebhookJson::of).toList(), null);
    }

    @GetMapping("/{id}")
    public WebhookJson get(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return WebhookJson.of(kit.webhooks().get(context, id));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        kit.webhooks().delete(context, id);
        return ResponseEntity.noContent().build();
    }

    /** The endpoint's deliveries, newest first: up to {@code limit} (1 to 100), optionally in one {@code state}. */
    @GetMapping("/{id}/deliveries")
    public PageJson<WebhookDeliveryJson> deliveries(@Parameter(hidden = true) RequestContext context,
            @PathVariable String id, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "50") int limit) {
        DeliveryState s = state == null ? null : Arrays.stream(DeliveryState.values())
                .filter(v -> v.code().equals(state)).findFirst()
                .orElseThrow(() -> ValidationException.of("state", "OneOf", "must be pending, delivered or dead"));
        return new PageJson<>(kit.webhooks().deliveries(context, new DeliveryFilter(id, s, null), null, limit).stream()
                .map(WebhookDeliveryJson::of).toList(), null);
    }

    /** Sends a delivered or dead delivery again, same id and body. */
    @PostMapping("/deliveries/{deliveryId}/replay")
    public ResponseEntity<Void> replay(@Parameter(hidden = true) RequestContext context,
            @PathVariable String deliveryId) {
        kit.webhooks().replay(context, deliveryId);
        return ResponseEntity.accepted().build();
    }

    private static Set<AuditAction> eventTypes(List<String> codes) {
        Set<AuditAction> out = new LinkedHashSet<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            out.add(AuditAction.fromCode(code).orElseThrow(() -> ValidationException.of("eventTypes", "OneOf",
                            "must each be an audit action code, such as user.created")));
        }
        return out;
    }
}
