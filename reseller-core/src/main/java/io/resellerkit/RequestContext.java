package io.resellerkit;

import io.resellerkit.command.PlainText;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.UserId;
import java.util.regex.Pattern;

/**
 * Who is calling, and the request id the host's own tracing uses. Every operation takes one;
 * the actor is looked up afresh on every call, so a deleted or demoted user loses its rights
 * at once.
 *
 * @param actorId   the acting user's id
 * @param requestId the host's request id, copied into audit events; may be null
 */
public record RequestContext(UserId actorId, String requestId) {
    /** The longest request id. */
    public static final int MAX_REQUEST_ID = 200;
    private static final Pattern REQUEST_ID = Pattern.compile(PlainText.PATTERN);

    /** @throws ValidationException if the actor is missing or the request id is not plain text of at most 200 characters */
    public RequestContext {
        if (actorId == null) {
            throw ValidationException.of("actorId", "NotNull", "must not be null");
        }
        // Request ids come from headers: a hostile one must not bloat or corrupt every event.
        if (requestId != null && (requestId.length() > MAX_REQUEST_ID || !REQUEST_ID.matcher(requestId).matches())) {
            throw ValidationException.of("requestId", "PlainText",
                    "must be at most " + MAX_REQUEST_ID + " characters without control characters");
        }
    }

    /** A context without a request id. */
    public static RequestContext of(UserId actorId) {
        return new RequestContext(actorId, null);
    }
}
