package io.resellerkit.spring.web;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.spring.web.ApiModels.PageJson;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What the controllers share: ids and codes from text, versions as ETags, pages with their Link header. */
final class Http {
    /** The page size when {@code ?limit=} is left out. */
    static final int DEFAULT_LIMIT = 50;
    private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,18})\"");

    private Http() {
    }

    /** An id from text, or null for null; an invalid one is refused naming {@code field}. */
    static <T> T id(String field, String value, Function<String, T> of) {
        if (value == null) {
            return null;
        }
        try {
            return of.apply(value);
        } catch (ValidationException e) {
            throw ValidationException.of(field, "Id", e.violations().get(0).message());
        }
    }

    /** Ids from repeated query parameters; null (no filter) when the parameter is absent. */
    static <T> Set<T> ids(String field, List<String> values, Function<String, T> of) {
        return values == null ? null : values.stream().map(v -> id(field, v, of))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Role role(String field, String code) {
        return code == null ? null : Role.fromCode(code).orElseThrow(() -> oneOf(field, Role.values()));
    }

    static ResellerStatus status(String field, String code) {
        return ResellerStatus.fromCode(code).orElseThrow(() -> oneOf(field, ResellerStatus.values()));
    }

    static AuditAction action(String field, String code) {
        return AuditAction.fromCode(code).orElseThrow(() -> oneOf(field, AuditAction.values()));
    }

    private static ValidationException oneOf(String field, Object[] values) {
        return ValidationException.of(field, "OneOf", "must be one of " + Arrays.stream(values)
                .map(Object::toString).collect(Collectors.joining(", ")));
    }

    /** A value the command requires, refused naming {@code field} when left out. */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw ValidationException.of(field, "NotNull", "must not be null");
        }
        return value;
    }

    /** The page a request asks for. */
    static PageRequest page(Integer limit, String cursor) {
        return new PageRequest(cursor, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The version an {@code If-Match} header expects; null when absent or {@code *} (unconditional). */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return null;
        }
        var m = ETAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            // No version is spelt like that, so none matches: the precondition fails.
            throw new PreconditionFailedException();
        }
        return Long.parseLong(m.group(1));
    }

    /** A single resource, with its version as a strong ETag. */
    static <T> ResponseEntity<T> versioned(HttpStatus status, long version, T body) {
        return ResponseEntity.status(status).eTag("\"" + version + "\"").body(body);
    }

    /** A page, with a {@code Link: <...>; rel="next"} header to the next one when there is one. */
    static <M, T> ResponseEntity<PageJson<T>> page(HttpServletRequest request, Page<M> page, Function<M, T> toJson) {
        PageJson<T> body = new PageJson<>(page.items().stream().map(toJson).toList(), page.nextCursor());
        var response = ResponseEntity.ok();
        nextLink(request, page.nextCursor()).ifPresent(link -> response.header(HttpHeaders.LINK, link));
        return response.body(body);
    }

    /**
     * The next page's link: this request's path and its decoded parameters, each encoded again
     * (so nothing from the raw query string reaches the header as sent), with the cursor replaced.
     * Relative, so it never carries a host name taken from the request's headers.
     */
    private static Optional<String> nextLink(HttpServletRequest request, String nextCursor) {
        if (nextCursor == null) {
            return Optional.empty();
        }
        StringBuilder relative = new StringBuilder(request.getRequestURI()).append('?');
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                for (String value : values) {
                    relative.append(encode(name)).append('=').append(encode(value)).append('&');
                }
            }
        });
        relative.append("cursor=").append(encode(nextCursor));
        return Optional.of("<" + relative + ">; rel=\"next\"");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An {@code If-Match} that names no version the resource could have. */
    static final class PreconditionFailedException extends RuntimeException {
        PreconditionFailedException() {
            super("If-Match names no version", null, false, false);
        }
    }

    /** No acting user: the request is not authenticated, or names nobody ResellerKit knows. */
    static final class UnauthenticatedException extends RuntimeException {
        UnauthenticatedException() {
            super("not authenticated", null, false, false);
        }
    }
}
