package io.resellerkit.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's one page: {@code index.html} from the jar with the API's address and, when the host
 * runs Spring Security with CSRF protection, the CSRF token's header name and value filled in (as
 * {@code <meta>} tags that the page's script sends back on every write). Served with a strict
 * Content-Security-Policy: scripts and styles from this jar only, so even a markup bug cannot run
 * a stored script.
 */
@RestController
public class PortalPage {
    static final String ROOT = "META-INF/resellerkit-portal/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.web.csrf.CsrfToken", PortalPage.class.getClassLoader());
    private final String template;
    private final String apiBase;

    /** The page, with the API's base path (such as {@code /api/resellerkit}) to point its calls at. */
    public PortalPage(String apiBasePath) {
        this.apiBase = Objects.requireNonNull(apiBasePath, "apiBasePath").replaceAll("/+$", "") + "/v3";
        try (InputStream in = PortalPage.class.getClassLoader().getResourceAsStream(ROOT + "index.html")) {
            this.template = new String(Objects.requireNonNull(in, "index.html in the jar").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <path>} itself: to {@code <path>/}, so the page's relative script addresses resolve. */
    @GetMapping("${resellerkit.portal.path:/resellerkit}")
    public ResponseEntity<Void> withoutSlash(HttpServletRequest request) {
        return ResponseEntity.status(302).header(HttpHeaders.LOCATION, request.getRequestURI() + "/").build();
    }

    /** The page. */
    @GetMapping({"${resellerkit.portal.path:/resellerkit}/", "${resellerkit.portal.path:/resellerkit}/index.html"})
    public ResponseEntity<String> page(HttpServletRequest request) {
        String[] csrf = SPRING_SECURITY ? SecurityCsrf.headerAndToken(request) : null;
        String html = template
                .replace("%API%", attribute(request.getContextPath() + apiBase))
                .replace("%CSRF_HEADER%", csrf == null ? "" : attribute(csrf[0]))
                .replace("%CSRF_TOKEN%", csrf == null ? "" : attribute(csrf[1]));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .body(html);
    }

    /** A value safe inside a double-quoted HTML attribute. */
    static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Kept apart so that without Spring Security on the class path this class is never loaded. */
    private static final class SecurityCsrf {
        static String[] headerAndToken(HttpServletRequest request) {
            Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                // Reading the token also makes a deferred one real (and saved, in the cookie or session).
                return new String[] {csrf.getHeaderName(), csrf.getToken()};
            }
            return null;
        }
    }
}
