package io.resellerkit.tail;

/**
 * Code the host runs for each audit event, through a {@link ListenerRunner}: at least once, in
 * order within each chain. Returning normally acknowledges the event; throwing has it delivered
 * again later, with the same {@link Delivery#deliveryId()}. So make it idempotent by the delivery
 * id (a receiver that has seen an id ignores it).
 */
@FunctionalInterface
public interface AuditListener {

    /** Handles one event; throw to have it delivered again after a pause. */
    void onEvent(Delivery delivery) throws Exception;
}
