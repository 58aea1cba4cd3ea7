package io.resellerkit.spring.web;

import io.resellerkit.ResellerKit;
import io.resellerkit.model.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ActingUserResolver}: the servlet's {@link HttpServletRequest#getUserPrincipal()
 * principal} (what Spring Security, or the servlet container, sets once it has authenticated the
 * caller), whose name is taken as the email of a ResellerKit user. No principal, or an email no
 * user has, is nobody.
 */
public class PrincipalEmailResolver implements ActingUserResolver {
    private final ResellerKit kit;

    /** A resolver that looks emails up in {@code kit}. */
    public PrincipalEmailResolver(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    @Override
    public Optional<UserId> resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? Optional.empty() : kit.userIdByEmail(principal.getName());
    }
}
