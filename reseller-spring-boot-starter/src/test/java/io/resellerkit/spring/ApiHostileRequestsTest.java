package io.resellerkit.spring;

import static io.resellerkit.spring.ApiServer.BASE;
import static io.resellerkit.spring.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.command.CreateReseller;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken requests over real HTTP on embedded PostgreSQL: each gets a 4xx problem
 * (application/problem+json with a code, and violations naming the field where there is one),
 * no internal detail, and nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHostileRequestsTest {
    private static final String VENDOR = "vera@vendor.example";
    private ApiServer api;
    private String resellerId;

    @BeforeAll
    void start() {
        api = ApiServer.onPostgres();
        resellerId = api.kit.resellers().create(api.asVendor, CreateReseller.of("Acme", "ops@acme.example", 5, 5)).id().value();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** Sends the request, checks the problem it gets and that no row changed; returns the problem. */
    private JsonNode refused(int status, String code, Supplier<HttpResponse<String>> request) {
        Map<String, Long> before = api.rows();
        HttpResponse<String> r = request.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception", "io.resellerkit.", "tools.jackson", "java.", "SELECT", "\tat ");
        JsonNode problem = json(r);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(api.rows()).isEqualTo(before);
        return problem;
    }

    private HttpResponse<String> createUser(String body) {
        return api.post(VENDOR, BASE + "/users", body);
    }

    private static String violation(JsonNode problem, String part) {
        return problem.get("violations").get(0).get(part).asString();
    }

    @Test
    void malformedJsonIsABadRequest() {
        refused(400, "malformed_body", () -> createUser("{\"firstName\": \"Ann\", "));
        refused(400, "malformed_body", () -> createUser("not json at all"));
        refused(400, "malformed_body", () -> createUser(""));
        refused(400, "malformed_body", () -> createUser("{\"firstName\": \"A\"} {\"firstName\": \"B\"}"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        JsonNode text = refused(400, "validation_failed", () -> api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedUsers\": \"ten\", \"allowedOrganizations\": 1}"));
        assertThat(violation(text, "field")).isEqualTo("allowedUsers");
        assertThat(violation(text, "rule")).isEqualTo("Type");
        JsonNode numberAsText = refused(400, "validation_failed", () -> api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedUsers\": \"10\", \"allowedOrganizations\": 1}"));
        assertThat(violation(numberAsText, "field")).isEqualTo("allowedUsers");
        JsonNode fraction = refused(400, "validation_failed", () -> api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedUsers\": 1.5, \"allowedOrganizations\": 1}"));
        assertThat(violation(fraction, "field")).isEqualTo("allowedUsers");
        JsonNode object = refused(400, "validation_failed", () -> createUser(
                "{\"firstName\": {\"$gt\": \"\"}, \"lastName\": \"L\", \"email\": \"e@x.example\", \"role\": \"user\"}"));
        assertThat(violation(object, "field")).isEqualTo("firstName");
        JsonNode limit = refused(400, "validation_failed", () -> api.get(VENDOR, BASE + "/users?limit=ten"));
        assertThat(violation(limit, "field")).isEqualTo("limit");
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        JsonNode problem = refused(400, "validation_failed", () -> createUser(
                "{\"firstName\": \"F\", \"lastName\": \"L\", \"email\": \"e@x.example\", \"role\": \"user\", \"isAdmin\": true}"));
        assertThat(violation(problem, "field")).isEqualTo("isAdmin");
        assertThat(violation(problem, "rule")).isEqualTo("UnknownField");
    }

    @Test
    void invalidValuesAreRefusedByTheCoreNamingFieldAndRule() {
        JsonNode role = refused(400, "validation_failed", () -> createUser(
                "{\"firstName\": \"F\", \"lastName\": \"L\", \"email\": \"e@x.example\", \"role\": \"ADMIN\"}"));
        assertThat(violation(role, "field")).isEqualTo("role");
        JsonNode blank = refused(400, "validation_failed", () -> createUser(
                "{\"firstName\": \" \", \"lastName\": \"L\", \"email\": \"e@x.example\", \"role\": \"user\", \"resellerId\": \"" + resellerId + "\"}"));
        assertThat(violation(blank, "field")).isEqualTo("firstName");
        assertThat(violation(blank, "rule")).isEqualTo("NotBlank");
        JsonNode missingQuota = refused(400, "validation_failed", () -> api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedOrganizations\": 1}"));
        assertThat(violation(missingQuota, "field")).isEqualTo("allowedUsers");
    }

    @Test
    void aChildResellerIsCreatedUnderItsParentAndABadParentIdIsRefusedNamingTheField() {
        String parentId = api.kit.resellers().create(api.asVendor, CreateReseller.of("Parent", "ops@parent.example", 5, 5))
                .id().value();
        HttpResponse<String> created = api.post(VENDOR, BASE + "/resellers", "{\"name\": \"Kid\", \"email\": "
                + "\"kid@kid.example\", \"allowedUsers\": 2, \"allowedOrganizations\": 1, \"parentId\": \""
                + parentId + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("parentId").asString()).isEqualTo(parentId);
        JsonNode hostile = refused(400, "validation_failed", () -> api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedUsers\": 1, \"allowedOrganizations\": 1,"
                        + " \"parentId\": \"a b\"}"));
        assertThat(violation(hostile, "field")).isEqualTo("parentId");
        refused(404, "not_found", () -> api.post(VENDOR, BASE + "/resellers", "{\"name\": \"X\", \"email\": "
                + "\"x@x.example\", \"allowedUsers\": 1, \"allowedOrganizations\": 1, \"parentId\": \"nobody\"}"));
        refused(409, "quota_exceeded", () -> api.post(VENDOR, BASE + "/resellers", "{\"name\": \"X\", \"email\": "
                + "\"x@x.example\", \"allowedUsers\": 100, \"allowedOrganizations\": 1, \"parentId\": \""
                + parentId + "\"}"));
    }

    @Test
    void aBodyPastTheCapIsRefusedWith413WhetherItHasALengthOrIsChunked() {
        String huge = "{\"firstName\": \"" + "x".repeat(70 * 1024) + "\"}";
        refused(413, "body_too_large", () -> createUser(huge));
        refused(413, "body_too_large", () -> api.send(ApiServer.request(VENDOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))),
                BASE + "/users"));
    }

    @Test
    void pathTraversalAndHostileIdsAreRefused() {
        // Tomcat itself refuses some (an encoded slash or NUL) before the API sees them, with a page of
        // its own; every one is a 4xx that writes nothing.
        for (String id : new String[] {"..%2F..%2Fresellers", "%2E%2E", "a%20b", "%00", "x".repeat(101), "%E2%80%AE"}) {
            Map<String, Long> before = api.rows();
            HttpResponse<String> r = api.get(VENDOR, BASE + "/users/" + id);
            assertThat(r.statusCode()).as(id + ": " + r.body()).isBetween(400, 404);
            assertThat(r.body()).doesNotContain("Exception", "io.resellerkit.", "\tat ");
            assertThat(api.rows()).isEqualTo(before);
        }
        JsonNode problem = refused(400, "validation_failed", () -> api.get(VENDOR, BASE + "/users/" + "x".repeat(101)));
        assertThat(violation(problem, "field")).isEqualTo("id");
        refused(400, "validation_failed", () -> api.patch(VENDOR, BASE + "/users/a%20b", "{\"firstName\": \"X\"}", null));
        refused(400, "validation_failed", () -> api.delete(VENDOR, BASE + "/users/%E2%80%AE", null));
    }

    @Test
    void aForgedCursorIsRefusedNamingTheCursor() {
        for (String cursor : new String[] {"forged", "eyJhIjoxfQ", "%00", "x".repeat(600)}) {
            JsonNode problem = refused(400, "validation_failed", () -> api.get(VENDOR, BASE + "/users?cursor=" + cursor));
            assertThat(violation(problem, "field")).as(cursor).contains("cursor");
        }
    }

    @Test
    void hostileHeadersAreRefused() {
        refused(400, "validation_failed", () -> api.send(ApiServer.request(VENDOR).header("X-Request-Id", "a b").GET(),
                BASE + "/users"));
        refused(400, "validation_failed", () -> api.send(ApiServer.request(VENDOR).header("X-Request-Id", "x".repeat(201)).GET(),
                BASE + "/users"));
        refused(400, "validation_failed", () -> api.send(ApiServer.request(VENDOR).header("Idempotency-Key", "k".repeat(256))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"firstName\": \"F\", \"lastName\": \"L\", \"email\": \"idem@x.example\", \"role\": \"user\"}")),
                BASE + "/users"));
        refused(412, "precondition_failed", () -> api.patch(VENDOR, BASE + "/resellers/" + resellerId,
                "{\"name\": \"Y\"}", "W/\"1\""));
    }

    @Test
    void unauthenticatedRequestsGet401AndWriteNothing() {
        refused(401, "unauthenticated", () -> api.get(null, BASE + "/resellers"));
        refused(401, "unauthenticated", () -> api.post(null, BASE + "/resellers",
                "{\"name\": \"X\", \"email\": \"x@x.example\", \"allowedUsers\": 1, \"allowedOrganizations\": 1}"));
        refused(401, "unauthenticated", () -> api.get("nobody@nowhere.example", BASE + "/resellers"));
        // Authentication comes before the body is read: a stranger learns nothing about the body's rules.
        refused(401, "unauthenticated", () -> api.post(null, BASE + "/users", "not json"));
        // Emails are found without regard to case; a host's login that differs from the stored form
        // in case (another account, to a case-sensitive host) is nobody, not the vendor.
        refused(401, "unauthenticated", () -> api.get("Vera@Vendor.example", BASE + "/resellers"));
    }

    @Test
    void aPatchOfDetailsAndQuotasTogetherIsRefusedWholeNotHalfApplied() {
        String reseller = json(api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"Mixed\", \"email\": \"m@mixed.example\", \"allowedUsers\": 1, \"allowedOrganizations\": 1}"))
                .get("id").asString();
        JsonNode problem = refused(400, "validation_failed", () -> api.patch(VENDOR, BASE + "/resellers/" + reseller,
                "{\"name\": \"Renamed\", \"allowedUsers\": 5}", null));
        assertThat(violation(problem, "field")).isEqualTo("allowedUsers");
        assertThat(json(api.get(VENDOR, BASE + "/resellers/" + reseller)).get("name").asString()).isEqualTo("Mixed");
    }

    @Test
    void aWriteThatDoesNotSayItSendsJsonIs415SoACrossSiteFormCannotMakeIt() {
        String reseller = json(api.post(VENDOR, BASE + "/resellers",
                "{\"name\": \"Formless\", \"email\": \"f@formless.example\", \"allowedUsers\": 1, \"allowedOrganizations\": 1}"))
                .get("id").asString();
        // What an HTML form can send without a preflight: no body, a form body, plain text.
        refused(415, "unsupported_media_type", () -> api.send(ApiServer.request(VENDOR)
                .POST(HttpRequest.BodyPublishers.noBody()), BASE + "/resellers/" + reseller + "/terminate"));
        refused(415, "unsupported_media_type", () -> api.send(ApiServer.request(VENDOR)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")), BASE + "/resellers/" + reseller + "/suspend"));
        refused(415, "unsupported_media_type", () -> api.send(ApiServer.request(VENDOR)
                .header("Content-Type", "text/plain").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")),
                BASE + "/resellers/" + reseller));
        assertThat(json(api.get(VENDOR, BASE + "/resellers/" + reseller)).get("status").asString()).isEqualTo("active");
    }

    @Test
    void aRefusedWriteByAnOutsiderIs403AndWritesOnlyItsAccessDeniedEvent() {
        String ann = api.post(VENDOR, BASE + "/users", """
                {"firstName": "Ann", "lastName": "A", "email": "ann@acme.example", "role": "reseller-admin", "resellerId": "%s"}
                """.formatted(resellerId)).body();
        assertThat(ann).contains("reseller-admin");
        refused(403, "access_denied", () -> api.post("ann@acme.example", BASE + "/resellers",
                "{\"name\": \"Mine\", \"email\": \"m@x.example\", \"allowedUsers\": -1, \"allowedOrganizations\": -1}"));
        refused(403, "access_denied", () -> api.patch("ann@acme.example", BASE + "/resellers/" + resellerId,
                "{\"allowedUsers\": -1}", null));
    }
}
