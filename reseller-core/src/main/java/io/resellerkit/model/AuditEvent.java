package io.resellerkit.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param accessGrantId   the access grant the call acted under, or null if its actor's own rights sufficed
 *                        (see {@link io.resellerkit.AccessService})
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
        String reason,
        String accessGrantId) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** An event written without an access grant. */
    public AuditEvent(AuditEventId id, Instant occurredAt, UserId actorId, Role actorRole, ResellerId actorResellerId,
                      String actorName, String actorEmail, AuditAction action, String resourceType, String resourceId,
                      ResellerId resellerId, List<FieldChange> changes, String requestId, String clientIp,
                      String userAgent, String reason) {
        this(id, occurredAt, actorId, actorRole, actorResellerId, actorName, actorEmail, action, resourceType,
                resourceId, resellerId, changes, requestId, clientIp, userAgent, reason, null);
    }

    /**
     * Every field of the event in one stable text, the content an audit chain's hash covers
     * ({@link io.resellerkit.spi.ChainLink#hash}). Version 1 is a JSON object with the fields in
     * this order and no spaces: {@code v} (1), {@code id}, {@code occurredAt} (ISO-8601 in UTC, as
     * {@link Instant#toString()}), {@code actorId}, {@code actorRole} (its code), {@code actorResellerId},
     * {@code actorName}, {@code actorEmail}, {@code action} (its code), {@code resourceType},
     * {@code resourceId}, {@code resellerId}, {@code changes} (an array of
     * {@code {"field","old","new"}} in the event's order), {@code requestId}, {@code clientIp},
     * {@code userAgent}, {@code reason}; an absent value is {@code null}. Strings are quoted, and
     * every character outside printable ASCII, {@code "} and {@code \} are escaped
     * (<code>\"</code>, <code>\\</code>, <code>&#92;uXXXX</code> with lower-case hex), so the text is plain ASCII and
     * two different events never give the same text. Anyone holding the events can recompute it.
     *
     * <p>An event written under an access grant has one more field at the end, {@code accessGrantId}
     * (in either version); an event without one has no such field, so the text of every event
     * written before grants existed is unchanged.
     */
    public String canonical() {
        return canonical(1, Map.of());
    }

    /**
     * The canonical text of version 2, which hash chains use since schema version 10: as version 1,
     * with {@code "v":2}, except that each personal value named in {@code personalDigests} (by its
     * path: {@code actorName}, {@code actorEmail}, {@code changes/<i>/old}, {@code changes/<i>/new})
     * is replaced by the text of its digest. The hash then covers a person's name and email only
     * through their digests, so erasure can replace the plain values without breaking the chain
     * ({@link io.resellerkit.spi.PersonalSeals}).
     */
    public String canonical(Map<String, String> personalDigests) {
        return canonical(2, Objects.requireNonNull(personalDigests, "personalDigests"));
    }

    private String canonical(int version, Map<String, String> digests) {
        StringBuilder out = new StringBuilder(1024).append("{\"v\":").append(version);
        field(out, "id", id.value());
        field(out, "occurredAt", occurredAt.toString());
        field(out, "actorId", actorId.value());
        field(out, "actorRole", actorRole == null ? null : actorRole.code());
        field(out, "actorResellerId", actorResellerId == null ? null : actorResellerId.value());
        field(out, "actorName", digests.getOrDefault("actorName", actorName));
        field(out, "actorEmail", digests.getOrDefault("actorEmail", actorEmail));
        field(out, "action", action.code());
        field(out, "resourceType", resourceType);
        field(out, "resourceId", resourceId);
        field(out, "resellerId", resellerId == null ? null : resellerId.value());
        out.append(",\"changes\":[");
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            out.append(i == 0 ? "{" : ",{");
            quoted(out, "field").append(':');
            quoted(out, c.field());
            field(out, "old", digests.isEmpty() ? c.oldValue() : digests.getOrDefault(changePath(i, true), c.oldValue()));
            field(out, "new", digests.isEmpty() ? c.newValue() : digests.getOrDefault(changePath(i, false), c.newValue()));
            out.append('}');
        }
        out.append(']');
        field(out, "requestId", requestId);
        field(out, "clientIp", clientIp);
        field(out, "userAgent", userAgent);
        field(out, "reason", reason);
        if (accessGrantId != null) {
            field(out, "accessGrantId", accessGrantId);
        }
        return out.append('}').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        quoted(out.append(','), name).append(':');
        if (value == null) {
            out.append("null");
        } else {
            quoted(out, value);
        }
    }

    /** The paths of the first changes' values, made once rather than for every event. */
    private static final String[][] CHANGE_PATHS = new String[16][];

    static {
        for (int i = 0; i < CHANGE_PATHS.length; i++) {
            CHANGE_PATHS[i] = new String[] {"changes/" + i + "/old", "changes/" + i + "/new"};
        }
    }

    /** {@code changes/<i>/old} or {@code changes/<i>/new}, as the personal digests name them. */
    private static String changePath(int i, boolean old) {
        return i < CHANGE_PATHS.length ? CHANGE_PATHS[i][old ? 0 : 1] : "changes/" + i + (old ? "/old" : "/new");
    }

    private static StringBuilder quoted(StringBuilder out, String value) {
        out.append('"');
        if (plain(value)) {
            return out.append(value).append('"'); // most values need no escape: copy them whole
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"');
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
