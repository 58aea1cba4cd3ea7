package io.resellerkit.spring.web;

import io.resellerkit.model.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Tells which ResellerKit user acts in an HTTP request, from what the host's authentication put
 * on it (Spring Security's principal, a header a gateway set, a session). The API answers 401
 * when it finds nobody. Define a bean of this type to replace the default,
 * {@link PrincipalEmailResolver}.
 */
@FunctionalInterface
public interface ActingUserResolver {
    /**
     * The acting user of {@code request}, or empty when the request is not authenticated or
     * names nobody ResellerKit knows.
     */
    Optional<UserId> resolve(HttpServletRequest request);
}
