package io.resellerkit.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal as a host gets it by adding the jar next to the starter: mounted where
 * {@code resellerkit.portal.path} says, pointed at the API's base path, with its page's security
 * headers; off when disabled. (The screens themselves are tested in a browser, in examples-spring-boot.)
 */
class PortalAutoConfigurationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Host {
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(Host.class).properties("server.port=0", "spring.main.banner-mode=off",
                "spring.jmx.enabled=false").properties(properties).run();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        String root = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsServedAtTheConfiguredPathPointingAtTheApisBasePathWithAStrictContentSecurityPolicy() throws Exception {
        try (var app = start("resellerkit.portal.path=/partners/portal", "resellerkit.api.base-path=/internal/rk")) {
            HttpResponse<String> page = get(app, "/partners/portal/");

            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("<meta name=\"resellerkit-api\" content=\"/internal/rk/v3\">"), page.body());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self';"));
            assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(200, get(app, "/partners/portal/app.js").statusCode());
            assertEquals(200, get(app, "/partners/portal/style.css").statusCode());
            HttpResponse<String> bare = get(app, "/partners/portal");
            assertEquals(302, bare.statusCode());
            assertEquals("/partners/portal/", bare.headers().firstValue("Location").orElse(""));
            assertEquals(404, get(app, "/resellerkit/").statusCode());
            // Without Spring Security there is no CSRF token to hand to the page.
            assertTrue(page.body().contains("<meta name=\"csrf-token\" content=\"\">"), page.body());
        }
    }

    @Test
    void theDefaultPathIsResellerkitAndTheApiStaysWhereItWas() throws Exception {
        try (var app = start()) {
            assertEquals(200, get(app, "/resellerkit/").statusCode());
            assertEquals(401, get(app, "/api/resellerkit/v3/me").statusCode());
        }
    }

    @Test
    void disabledThePortalIsNotServed() throws Exception {
        try (var app = start("resellerkit.portal.enabled=false")) {
            assertEquals(404, get(app, "/resellerkit/").statusCode());
            assertEquals(404, get(app, "/resellerkit/app.js").statusCode());
        }
    }

    @Test
    void withoutTheHttpApiThereIsNoPortal() throws Exception {
        try (var app = start("resellerkit.api.enabled=false")) {
            assertEquals(404, get(app, "/resellerkit/").statusCode());
        }
    }

    @Test
    void aPathThatIsNotOneOrMoreSegmentsFailsStartupNamingTheProperty() {
        Exception failure = assertThrows(Exception.class, () -> start("resellerkit.portal.path=resellerkit/").close());
        Throwable cause = failure;
        while (cause.getCause() != null && !cause.getMessage().contains("resellerkit.portal.path must")) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("resellerkit.portal.path must look like /resellerkit"), failure::toString);
    }

    @Test
    void attributeValuesAreEscaped() {
        assertEquals("a&amp;&quot;&lt;b&gt;", PortalPage.attribute("a&\"<b>"));
    }
}
