package io.resellerkit.command;

import io.resellerkit.model.AuditAction;
import io.resellerkit.model.ResellerId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Registers a webhook endpoint (see {@link io.resellerkit.WebhookService#register}).
 *
 * @param url        an absolute http or https URL without user info, accepted by the kit's
 *                   {@link io.resellerkit.ResellerKit.Builder#webhookTargets allowed targets}
 * @param eventTypes the actions it receives; empty for all
 * @param resellerId only this reseller's events; null for every event (the vendor's endpoints only)
 */
public record RegisterWebhook(
        @NotBlank @Size(max = 2000) String url,
        @NotNull Set<@NotNull AuditAction> eventTypes,
        ResellerId resellerId) {

    /** An endpoint for every event of {@code resellerId} (null: of everyone) of these types (none: all). */
    public static RegisterWebhook of(String url, ResellerId resellerId, AuditAction... eventTypes) {
        return new RegisterWebhook(url, Set.of(eventTypes), resellerId);
    }
}
