package io.resellerkit;

import io.resellerkit.command.PlainText;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.UserId;
import java.util.regex.Pattern;

/**
 * Who is calling, and what the host knows about the request. Every operation takes one; the
 * actor is looked up afresh on every call, so a deleted or demoted user loses its rights at once.
 * The request id, client IP and user agent are copied into the audit events the call writes.
 *
 * @param actorId        the acting user's id
 * @param requestId      the host's request id (for instance from {@code X-Request-Id}); may be null
 * @param clientIp       the client's address as the host sees it; may be null
 * @param userAgent      the client's user agent; may be null
 * @param idempotencyKey a key the client chose for this write (for instance from an
 *                       {@code Idempotency-Key} header), so that sending the write again is safe;
 *                       may be null; see "Idempotency keys" in the description.
 *
 * <h2>Idempotency keys</h2>
 * A write called with a key is done once per actor and key: calling the same operation with the
 * same arguments (ids, command, expected version) and the same key again, from any JVM sharing
 * the storage, writes nothing, takes no quota slot and leaves no audit event; it returns the first
 * call's result <em>as it is now</em>: the resource is read again, with the actor's rights of
 * now, so its {@code version} tells whether it changed since (a later update shows). If the
 * resource was deleted since, the replay fails with {@link io.resellerkit.error.NotFoundException};
 * a write that returns nothing (a delete) replays as a no-op. A concurrent call with the same key
 * waits until the first one ends, then replays it (or, if the first failed, runs itself).
 * <ul>
 *   <li>The same key with another operation or other arguments is refused with a
 *       {@link io.resellerkit.error.ConflictException} of kind {@code IDEMPOTENCY_KEY_REUSED},
 *       and nothing is written.</li>
 *   <li>A call that fails (refused, invalid, over quota, in conflict) records no key, so a
 *       retry with the key runs afresh.</li>
 *   <li>Keys belong to the actor: another actor's call with the same key is independent.</li>
 *   <li>A key counts for {@link ResellerKit.Builder#idempotencyKeyTtl} (24 hours by default)
 *       after its write; an expired key is treated as never used.</li>
 *   <li>Reads ignore the key.</li>
 * </ul>
 */
public record RequestContext(UserId actorId, String requestId, String clientIp, String userAgent,
                             String idempotencyKey) {
    /** The longest request id. */
    public static final int MAX_REQUEST_ID = 200;
    /** The longest client IP (an IPv6 address with a zone fits). */
    public static final int MAX_CLIENT_IP = 100;
    /** The longest user agent. */
    public static final int MAX_USER_AGENT = 500;
    /** The longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final Pattern PLAIN_TEXT = Pattern.compile(PlainText.PATTERN);

    /** @throws ValidationException if the actor is missing or a text is too long or has control characters */
    public RequestContext {
        if (actorId == null) {
            throw ValidationException.of("actorId", "NotNull", "must not be null");
        }
        // These come from headers: a hostile one must not bloat or corrupt every event.
        requirePlain("requestId", requestId, MAX_REQUEST_ID);
        requirePlain("clientIp", clientIp, MAX_CLIENT_IP);
        requirePlain("userAgent", userAgent, MAX_USER_AGENT);
        requirePlain("idempotencyKey", idempotencyKey, MAX_IDEMPOTENCY_KEY);
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            throw ValidationException.of("idempotencyKey", "NotBlank", "must not be blank");
        }
    }

    /** A context with a request id and nothing else. */
    public RequestContext(UserId actorId, String requestId) {
        this(actorId, requestId, null, null, null);
    }

    /** A context with only the actor. */
    public static RequestContext of(UserId actorId) {
        return new RequestContext(actorId, null);
    }

    /** This context with another request id. */
    public RequestContext withRequestId(String requestId) {
        return new RequestContext(actorId, requestId, clientIp, userAgent, idempotencyKey);
    }

    /** This context with the client's address. */
    public RequestContext withClientIp(String clientIp) {
        return new RequestContext(actorId, requestId, clientIp, userAgent, idempotencyKey);
    }

    /** This context with the client's user agent. */
    public RequestContext withUserAgent(String userAgent) {
        return new RequestContext(actorId, requestId, clientIp, userAgent, idempotencyKey);
    }

    /** This context with an idempotency key for the write it is passed to. */
    public RequestContext withIdempotencyKey(String idempotencyKey) {
        return new RequestContext(actorId, requestId, clientIp, userAgent, idempotencyKey);
    }

    private static void requirePlain(String field, String value, int max) {
        if (value != null && (value.length() > max || !PLAIN_TEXT.matcher(value).matches())) {
            throw ValidationException.of(field, "PlainText",
                    "must be at most " + max + " characters without control characters");
        }
    }
}
