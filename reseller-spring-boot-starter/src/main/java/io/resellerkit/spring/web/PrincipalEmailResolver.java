package io.resellerkit.spring.web;

import io.resellerkit.ResellerKit;
import io.resellerkit.model.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ActingUserResolver}: the servlet's {@link HttpServletRequest#getUserPrincipal()
 * principal} (what Spring Security, or the servlet container, sets once it has authenticated the
 * caller), whose name is taken as the email of a ResellerKit user. No principal, or an email no
 * user has, is nobody.
 *
 * <p>ResellerKit stores emails trimmed and lower-cased, and finds them without regard to case. A
 * host whose logins are case-sensitive could then hand two logins ({@code Admin@Vendor.example}
 * and {@code admin@vendor.example}) one user; so a principal name counts only if it is already in
 * that stored form (a name with upper case, surrounding blanks, or characters that lower-case into
 * ASCII, such as the Kelvin sign, is nobody). A host that needs more writes its own resolver.
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
        String name = principal == null ? null : principal.getName();
        if (name == null || !name.equals(name.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return kit.userIdByEmail(name);
    }
}
