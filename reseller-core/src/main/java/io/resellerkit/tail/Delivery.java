package io.resellerkit.tail;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit event handed to a listener.
 *
 * @param deliveryId the same for every delivery of this event to this listener, on any node:
 *                   {@link #idOf(String, AuditEventId)}
 * @param listener   the listener's name
 * @param chain      the event's chain ({@code vendor}, {@code reseller/<id>}, each alone or with
 *                   {@code /refusals} or {@code /reads})
 * @param seq        its place in the chain: the listener sees a chain's events in this order
 * @param event      the event as stored
 * @param attempt    1 for the first try on this node, one more for each retry after a failure
 */
public record Delivery(String deliveryId, String listener, String chain, long seq, AuditEvent event, int attempt) {
    public Delivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(event, "event");
    }

    /**
     * The delivery id of {@code event} to {@code listener}: a name-based UUID (version 3) of the
     * listener's name and the event's id, so a retry, or another node taking over, sends the same id.
     */
    public static String idOf(String listener, AuditEventId event) {
        return UUID.nameUUIDFromBytes((listener + "\n" + event.value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
