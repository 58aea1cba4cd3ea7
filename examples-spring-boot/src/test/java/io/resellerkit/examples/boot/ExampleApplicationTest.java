package io.resellerkit.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example application as README.md tells it: started as its users start it (H2 in memory, the
 * demo data and logins), then the story over real HTTP with the demo logins.
 */
class ExampleApplicationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext app;
    private static String api;

    @BeforeAll
    static void start() {
        app = SpringApplication.run(ExampleApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:example-test;DB_CLOSE_DELAY=-1");
        api = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/resellerkit/v3";
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theDemoLoginsWalkTheStoryUpToTheQuotaRefusalAndTheCrossTenantRefusal() throws Exception {
        JsonNode resellers = body(send("GET", "/resellers", DemoData.VENDOR, null), 200);
        assertEquals(2, resellers.get("items").size());
        String acme = resellers.get("items").get(0).get("id").asString();

        // Acme may have 3 users; Olga, its organization admin, is one of them.
        String northwind = body(send("GET", "/organizations?name=Northwind", DemoData.ACME_ADMIN, null), 200)
                .get("items").get(0).get("id").asString();
        for (String name : new String[] {"nina", "noor"}) {
            body(send("POST", "/users", DemoData.ACME_ADMIN, """
                    {"firstName": "%s", "lastName": "Northwind", "email": "%s@northwind.example",
                     "role": "user", "organizationId": "%s"}""".formatted(name, name, northwind)), 201);
        }
        JsonNode refused = body(send("POST", "/users", DemoData.ACME_ADMIN, """
                {"firstName": "Ned", "lastName": "Northwind", "email": "ned@northwind.example",
                 "role": "user", "organizationId": "%s"}""".formatted(northwind)), 409);
        assertEquals("quota_exceeded", refused.get("code").asString());
        assertEquals(3, refused.get("limit").asInt());
        assertEquals(3, refused.get("usage").asInt());

        String peter = body(send("GET", "/users?email=peter@initech.example", DemoData.VENDOR, null), 200)
                .get("items").get(0).get("id").asString();
        assertEquals("access_denied", body(send("GET", "/users/" + peter, DemoData.ACME_ADMIN, null), 403)
                .get("code").asString());

        JsonNode trail = body(send("GET", "/audit-logs?resellerId=" + acme + "&action=quota.exceeded&action=access.denied",
                DemoData.VENDOR, null), 200);
        assertEquals(2, trail.get("items").size(), trail::toString);
    }

    @Test
    void withoutTheDemoPasswordThereIsNoAccess() throws Exception {
        assertEquals(401, send("GET", "/resellers", null, null).statusCode());
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(api + "/resellers"))
                .header("Authorization", basic(DemoData.VENDOR, "not-the-password")).build();
        assertEquals(401, HTTP.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpResponse<String> send(String method, String path, String login, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path));
        if (login != null) {
            b.header("Authorization", basic(login, DemoSecurity.PASSWORD));
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response, int expectedStatus) {
        assertEquals(expectedStatus, response.statusCode(), response::body);
        assertTrue(response.body().startsWith("{"), response::body);
        return JSON.readTree(response.body());
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
