package io.resellerkit;

import io.resellerkit.model.UserId;
import java.util.Objects;

/**
 * Who is calling, and the request id the host's own tracing uses. Every operation takes one;
 * the actor is looked up afresh on every call, so a deleted or demoted user loses its rights
 * at once.
 *
 * @param actorId   the acting user's id
 * @param requestId the host's request id, copied into audit events; may be null
 */
public record RequestContext(UserId actorId, String requestId) {
    public RequestContext {
        Objects.requireNonNull(actorId, "actorId");
        if (requestId != null && requestId.length() > 200) {
            // Request ids come from headers; keep a hostile one from bloating every event.
            requestId = requestId.substring(0, 200);
        }
    }

    /** A context without a request id. */
    public static RequestContext of(UserId actorId) {
        return new RequestContext(actorId, null);
    }
}
