package io.resellerkit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit trail: a change, or a refused attempt.
 *
 * @param actorId         who acted; for a refused unknown actor, the id it claimed
 * @param actorRole       its role at the time, null if the actor was unknown
 * @param actorResellerId its reseller at the time, or null
 * @param actorName       the actor's name ("First Last") as it was when the event was written, null if
 *                        the actor was unknown
 * @param actorEmail      the actor's email as it was when the event was written, null if the actor was unknown
 * @param action          such as {@code user.created} or {@code access.denied}, see {@link AuditAction}
 * @param resourceType    such as {@code user}
 * @param resourceId      the resource's id, null when a refused create had none yet
 * @param resellerId      the reseller the event concerns, or null
 * @param changes         the changed fields with old and new values, empty for refusals
 * @param requestId       the request id the host passed in, or null
 * @param clientIp        the client's address the host passed in, or null
 * @param userAgent       the client's user agent the host passed in, or null
 * @param reason          why an attempt was refused, null for changes
 */
public record AuditEvent(
        AuditEventId id,
        Instant occurredAt,
        UserId actorId,
        Role actorRole,
        ResellerId actorResellerId,
        String actorName,
        String actorEmail,
        AuditAction action,
        String resourceType,
        String resourceId,
        ResellerId resellerId,
        List<FieldChange> changes,
        String requestId,
        String clientIp,
        String userAgent,
        String reason) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
