/**
 * Webhooks on the audit trail: {@link io.resellerkit.webhook.Webhooks} registers endpoints and
 * queues one delivery per event and matching endpoint, {@link io.resellerkit.webhook.WebhookSender}
 * posts them signed ({@link io.resellerkit.webhook.WebhookSignature}), retries with backoff, and
 * dead-letters them after too many failures; the delivery log can be read and replayed.
 */
package io.resellerkit.webhook;
