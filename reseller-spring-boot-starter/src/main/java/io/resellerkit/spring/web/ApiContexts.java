package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.model.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands every controller method its {@link RequestContext}: the acting user from the
 * {@link ActingUserResolver} (401 without one), the request id {@link ApiFilter} settled, the
 * client's address and user agent, and on a POST its {@code Idempotency-Key}.
 */
final class ApiContexts implements HandlerMethodArgumentResolver {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // What RequestContext refuses in a header's text: control characters, lone surrogates, bidi overrides.
    private static final String NOT_PLAIN = "[\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069]";
    private final ActingUserResolver users;

    ApiContexts(ActingUserResolver users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestContext.class;
    }

    @Override
    public RequestContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
                                          WebDataBinderFactory binders) {
        HttpServletRequest request = Objects.requireNonNull(web.getNativeRequest(HttpServletRequest.class));
        UserId actor = users.resolve(request).orElseThrow(Http.UnauthenticatedException::new);
        // The servlet's remote address: the peer, or the client Spring's ForwardedHeaderFilter (or the
        // container's RemoteIpValve) found, when the host enabled one; X-Forwarded-For is not read here.
        RequestContext context = new RequestContext(actor, (String) request.getAttribute(ApiFilter.REQUEST_ID),
                clip(request.getRemoteAddr(), RequestContext.MAX_CLIENT_IP),
                clip(request.getHeader("User-Agent"), RequestContext.MAX_USER_AGENT), null);
        String key = request.getHeader(IDEMPOTENCY_KEY);
        // Refused (400) when invalid, rather than clipped: a clipped key could replay another request.
        return "POST".equals(request.getMethod()) && key != null ? context.withIdempotencyKey(key) : context;
    }

    /** Informational text from a header, made fit for an audit event: plain and at most {@code max} long. */
    private static String clip(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String plain = value.replaceAll(NOT_PLAIN, "?");
        return plain.length() <= max ? plain : plain.substring(0, max);
    }
}
