package io.resellerkit.spring;

import static io.resellerkit.spring.ApiServer.BASE;
import static io.resellerkit.spring.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Cryptlex's reseller story over real HTTP on embedded PostgreSQL: the vendor creates a reseller
 * with quotas, its reseller admin works within them until the refusal, a cross-tenant read is
 * refused and audited, paging walks every item once, a stale If-Match gets 412.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiStoryTest {
    private static final String VENDOR = "vera@vendor.example";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private ApiServer api;

    @BeforeAll
    void start() {
        // A vendor that lets each reseller's admin register one webhook endpoint, on .example hosts.
        api = ApiServer.onPostgres(List.of("resellerkit.reseller-webhooks=1", "resellerkit.webhook-hosts=.example"));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private String createReseller(String name, int allowedUsers, int allowedOrganizations) {
        HttpResponse<String> r = api.post(VENDOR, BASE + "/resellers", """
                {"name": "%s", "email": "ops@%s.example", "allowedUsers": %d, "allowedOrganizations": %d}
                """.formatted(name, name.toLowerCase(), allowedUsers, allowedOrganizations));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    private String createUser(String as, String email, String role, String resellerId, String organizationId) {
        HttpResponse<String> r = api.post(as, BASE + "/users", userJson(email, role, resellerId, organizationId));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    private static String userJson(String email, String role, String resellerId, String organizationId) {
        return """
                {"firstName": "F", "lastName": "L", "email": "%s", "role": "%s", "resellerId": %s, "organizationId": %s}
                """.formatted(email, role, quoted(resellerId), quoted(organizationId));
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void theResellerAdminWorksWithinItsQuotasUntilAProblemWithLimitAndUsage() {
        HttpResponse<String> created = api.post(VENDOR, BASE + "/resellers", """
                {"name": "Acme", "email": "ops@acme.example", "allowedUsers": 2, "allowedOrganizations": 1,
                 "metadata": {"region": "emea"}}
                """);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode acme = json(created);
        assertThat(acme.get("allowedUsers").asInt()).isEqualTo(2);
        assertThat(acme.get("status").asString()).isEqualTo("active");
        assertThat(acme.get("metadata").get("region").asString()).isEqualTo("emea");
        String acmeId = acme.get("id").asString();

        createUser(VENDOR, "ann@acme.example", "reseller-admin", acmeId, null);
        HttpResponse<String> org = api.post("ann@acme.example", BASE + "/organizations", """
                {"name": "Northwind", "email": "it@northwind.example", "allowedUsers": -1, "resellerId": "%s"}
                """.formatted(acmeId));
        assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        String northwind = json(org).get("id").asString();
        JsonNode user = json(api.post("ann@acme.example", BASE + "/users",
                userJson("nina@northwind.example", "user", null, northwind)));
        assertThat(user.get("role").asString()).isEqualTo("user");
        assertThat(user.get("resellerId").asString()).isEqualTo(acmeId);
        createUser("ann@acme.example", "carl@acme.example", "user", acmeId, null);
        long users = api.count("SELECT count(*) FROM rk_users");

        HttpResponse<String> refused = api.post("ann@acme.example", BASE + "/users",
                userJson("one-too-many@acme.example", "user", acmeId, null));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(refused);
        assertThat(problem.get("code").asString()).isEqualTo("quota_exceeded");
        assertThat(problem.get("quota").asString()).isEqualTo("reseller.allowedUsers");
        assertThat(problem.get("limit").asLong()).isEqualTo(2);
        assertThat(problem.get("usage").asLong()).isEqualTo(2);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(api.count("SELECT count(*) FROM rk_users")).isEqualTo(users);

        JsonNode usage = json(api.get("ann@acme.example", BASE + "/resellers/" + acmeId + "/usage"));
        assertThat(usage.get("users").asLong()).isEqualTo(2);
        assertThat(usage.get("organizations").asLong()).isEqualTo(1);
        assertThat(usage.get("organizationUsage").get(0).get("organizationId").asString()).isEqualTo(northwind);
        assertThat(usage.get("organizationUsage").get(0).get("users").asLong()).isEqualTo(1);

        // The vendor raises the quota with a partial PATCH; the name stays.
        HttpResponse<String> raised = api.patch(VENDOR, BASE + "/resellers/" + acmeId, "{\"allowedUsers\": -1}", null);
        assertThat(json(raised).get("allowedUsers").asInt()).isEqualTo(-1);
        assertThat(json(raised).get("name").asString()).isEqualTo("Acme");
        createUser("ann@acme.example", "one-more@acme.example", "user", acmeId, null);
    }

    @Test
    void meAnswersWhoTheActingUserIsWithItsRoleResellerAndOrganization() {
        String globex = createReseller("MeGlobex", 5, 5);
        String org = json(api.post(VENDOR, BASE + "/organizations", """
                {"name": "MeInitech", "email": "it@meinitech.example", "allowedUsers": 5, "resellerId": "%s"}
                """.formatted(globex))).get("id").asString();
        String olga = createUser(VENDOR, "olga@meinitech.example", "organization-admin", null, org);

        JsonNode me = json(api.get("olga@meinitech.example", BASE + "/me"));

        assertThat(me.get("id").asString()).isEqualTo(olga);
        assertThat(me.get("email").asString()).isEqualTo("olga@meinitech.example");
        assertThat(me.get("role").asString()).isEqualTo("organization-admin");
        assertThat(me.get("resellerId").asString()).isEqualTo(globex);
        assertThat(me.get("organizationId").asString()).isEqualTo(org);
        assertThat(api.get(null, BASE + "/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anOrganizationIsTransferredByTheReceiverWithATokenThatWorksOnce() {
        String theta = createReseller("Theta", 5, 5);
        String iota = createReseller("Iota", 5, 5);
        createUser(VENDOR, "tom@theta.example", "reseller-admin", theta, null);
        createUser(VENDOR, "ida@iota.example", "reseller-admin", iota, null);
        String org = json(api.post("tom@theta.example", BASE + "/organizations", """
                {"name": "Moving Co", "email": "it@moving.example", "allowedUsers": 5, "resellerId": "%s"}
                """.formatted(theta))).get("id").asString();
        createUser("tom@theta.example", "mo@moving.example", "user", null, org);

        HttpResponse<String> issued = api.post("tom@theta.example", BASE + "/organizations/" + org + "/transfer-tokens",
                "{\"toResellerId\": \"" + iota + "\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String token = json(issued).get("token").asString();
        String body = "{\"toResellerId\": \"" + iota + "\", \"token\": \"" + token + "\"}";

        HttpResponse<String> moved = api.post("ida@iota.example", BASE + "/organizations/" + org + "/transfer", body);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).get("resellerId").asString()).isEqualTo(iota);
        assertThat(json(api.get(VENDOR, BASE + "/resellers/" + iota + "/usage")).get("users").asLong()).isEqualTo(1);
        HttpResponse<String> again = api.post("ida@iota.example", BASE + "/organizations/" + org + "/transfer", body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        HttpResponse<String> noReceiver = api.post(VENDOR, BASE + "/organizations/" + org + "/transfer", "{}");
        assertThat(noReceiver.statusCode()).isEqualTo(400);
        assertThat(noReceiver.body()).contains("toResellerId");
    }

    @Test
    void anAccessGrantLendsOnlyItsPermissionsOnItsOrganizationUntilRevoked() {
        String kappa = createReseller("Kappa", 5, 5);
        String lambda = createReseller("Lambda", 5, 5);
        createUser(VENDOR, "kim@kappa.example", "reseller-admin", kappa, null);
        createUser(VENDOR, "sid@lambda.example", "reseller-support", lambda, null);
        String sid = json(api.get(VENDOR, BASE + "/users?email=sid@lambda.example")).get("items").get(0).get("id").asString();
        String org = json(api.post("kim@kappa.example", BASE + "/organizations", """
                {"name": "Kestrel", "email": "it@kestrel.example", "allowedUsers": 5, "resellerId": "%s"}
                """.formatted(kappa))).get("id").asString();
        String kit = createUser("kim@kappa.example", "kit@kestrel.example", "user", null, org);
        assertThat(api.get("sid@lambda.example", BASE + "/users/" + kit).statusCode()).isEqualTo(403);

        HttpResponse<String> bad = api.post(VENDOR, BASE + "/organizations/" + org + "/access-grants", """
                {"granteeId": "%s", "permissions": ["user.read", "reseller.delete"], "validUntil": "2099-01-01T00:00:00Z"}
                """.formatted(sid));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("permissions");
        HttpResponse<String> granted = api.post(VENDOR, BASE + "/organizations/" + org + "/access-grants", """
                {"granteeId": "%s", "permissions": ["user.read"], "validUntil": "%s"}
                """.formatted(sid, java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String grant = json(granted).get("id").asString();
        assertThat(json(granted).get("status").asString()).isEqualTo("active");

        assertThat(api.get("sid@lambda.example", BASE + "/users/" + kit).statusCode()).isEqualTo(200);
        assertThat(api.delete("sid@lambda.example", BASE + "/users/" + kit, null).statusCode()).isEqualTo(403);
        assertThat(json(api.get("kim@kappa.example", BASE + "/organizations/" + org + "/access-grants")).get("items")
                .get(0).get("id").asString()).isEqualTo(grant);

        HttpResponse<String> revoked = api.post(VENDOR, BASE + "/access-grants/" + grant + "/revoke", "{}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("status").asString()).isEqualTo("revoked");
        assertThat(api.get("sid@lambda.example", BASE + "/users/" + kit).statusCode()).isEqualTo(403);
    }

    @Test
    void aCrossTenantReadIsRefusedWith403AndLeavesAnAccessDeniedEventWithTheRequestId() {
        String gamma = createReseller("Gamma", 5, 5);
        String delta = createReseller("Delta", 5, 5);
        createUser(VENDOR, "gus@gamma.example", "reseller-admin", gamma, null);
        String dora = createUser(VENDOR, "dora@delta.example", "user", delta, null);
        long denied = api.count("SELECT count(*) FROM rk_audit_events WHERE action = 'access.denied'");

        HttpResponse<String> refused = api.send(ApiServer.request("gus@gamma.example").GET()
                .header("X-Request-Id", "req-cross-tenant-1").header("User-Agent", "story-test"), BASE + "/users/" + dora);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asString()).isEqualTo("access_denied");
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("req-cross-tenant-1");
        assertThat(api.count("SELECT count(*) FROM rk_audit_events WHERE action = 'access.denied'")).isEqualTo(denied + 1);
        JsonNode events = json(api.get(VENDOR, BASE + "/audit-logs?action=access.denied&resourceId=" + dora));
        assertThat(events.get("items")).hasSize(1);
        assertThat(events.get("items").get(0).get("requestId").asString()).isEqualTo("req-cross-tenant-1");
        assertThat(events.get("items").get(0).get("resource").asString()).isEqualTo("user");
    }

    @Test
    void pagingFollowsTheLinkHeaderOverEveryItemOnce() {
        String epsilon = createReseller("Epsilon", -1, 5);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(createUser(VENDOR, "u" + i + "@epsilon.example", "user", epsilon, null));
        }
        List<String> seen = new ArrayList<>();
        String next = BASE + "/users?resellerId=" + epsilon + "&limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = api.get(VENDOR, next);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            json(page).get("items").forEach(u -> seen.add(u.get("id").asString()));
            String cursor = json(page).get("nextCursor").isNull() ? null : json(page).get("nextCursor").asString();
            Matcher link = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
            next = link.find() ? link.group(1) : null;
            assertThat(next == null).isEqualTo(cursor == null);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aStaleIfMatchGets412AndChangesNothing() {
        String zeta = createReseller("Zeta", 5, 5);
        HttpResponse<String> read = api.get(VENDOR, BASE + "/resellers/" + zeta);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"1\"");

        HttpResponse<String> first = api.patch(VENDOR, BASE + "/resellers/" + zeta, "{\"name\": \"Zeta One\"}", etag);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"2\"");
        HttpResponse<String> stale = api.patch(VENDOR, BASE + "/resellers/" + zeta, "{\"name\": \"Zeta Two\"}", etag);
        HttpResponse<String> staleQuota = api.patch(VENDOR, BASE + "/resellers/" + zeta, "{\"allowedUsers\": 1}", etag);
        HttpResponse<String> staleDelete = api.delete(VENDOR, BASE + "/resellers/" + zeta, etag);

        for (HttpResponse<String> r : List.of(stale, staleQuota, staleDelete)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
            assertThat(json(r).get("code").asString()).isEqualTo("precondition_failed");
        }
        JsonNode now = json(api.get(VENDOR, BASE + "/resellers/" + zeta));
        assertThat(now.get("name").asString()).isEqualTo("Zeta One");
        assertThat(now.get("allowedUsers").asInt()).isEqualTo(5);
        assertThat(api.delete(VENDOR, BASE + "/resellers/" + zeta, "\"2\"").statusCode()).isEqualTo(204);
        assertThat(api.get(VENDOR, BASE + "/resellers/" + zeta).statusCode()).isEqualTo(404);
    }

    @Test
    void licensesAreAllocatedAssignedSuspendedAndRevokedAndTheTrailExportsAsJsonLines() {
        String eta = createReseller("Eta", 5, 5);
        createUser(VENDOR, "eve@eta.example", "reseller-admin", eta, null);
        String ed = createUser("eve@eta.example", "ed@eta.example", "user", eta, null);
        HttpResponse<String> created = api.post(VENDOR, BASE + "/licenses", """
                {"productId": "pro", "allowedActivations": -1, "expiresAt": "2030-01-01T00:00:00Z"}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String license = json(created).get("id").asString();

        assertThat(json(api.post(VENDOR, BASE + "/licenses/" + license + "/allocate", "{\"resellerId\": \"" + eta + "\"}"))
                .get("resellerId").asString()).isEqualTo(eta);
        HttpResponse<String> assigned = api.patch("eve@eta.example", BASE + "/licenses/" + license,
                "{\"userId\": \"" + ed + "\"}", null);
        assertThat(json(assigned).get("userId").asString()).as(assigned.body()).isEqualTo(ed);
        assertThat(json(api.post(VENDOR, BASE + "/licenses/" + license + "/suspend", "")).get("suspended").asBoolean()).isTrue();
        assertThat(json(api.post(VENDOR, BASE + "/licenses/" + license + "/unsuspend", "")).get("suspended").asBoolean()).isFalse();
        assertThat(json(api.post("eve@eta.example", BASE + "/licenses/" + license + "/unassign", "")).get("userId").isNull()).isTrue();
        assertThat(json(api.post(VENDOR, BASE + "/licenses/" + license + "/take-back", "")).get("resellerId").isNull()).isTrue();
        HttpResponse<String> revoked = api.post(VENDOR, BASE + "/licenses/" + license + "/revoke", "");
        assertThat(json(revoked).get("revoked").asBoolean()).isTrue();
        assertThat(revoked.headers().firstValue("ETag")).hasValue("\"" + json(revoked).get("version").asLong() + "\"");

        HttpResponse<String> export = api.get(VENDOR, BASE + "/audit-logs/export?resourceId=" + license);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<String> actions = export.body().lines().map(l -> ApiServer.JSON.readTree(l).get("action").asString()).toList();
        assertThat(actions).containsExactly("license.revoked", "license.allocated", "license.unassigned",
                "license.unsuspended", "license.suspended", "license.assigned", "license.allocated", "license.created");
        HttpResponse<String> refused = api.get("eve@eta.example", BASE + "/audit-logs/export?resellerId=" + createReseller("Theta", 1, 1));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aResellerAdminIssuesLicensesOnlyWithinTheLicenseQuotaTheVendorSets() {
        String iss = createReseller("Issuer", 5, 5);
        createUser(VENDOR, "ivy@issuer.example", "reseller-admin", iss, null);
        String body = "{\"productId\": \"pro\", \"allowedActivations\": 1}";
        long licenses = api.count("SELECT count(*) FROM rk_licenses");
        HttpResponse<String> off = api.post("ivy@issuer.example", BASE + "/licenses", body);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(403);
        assertThat(json(off).get("code").asString()).isEqualTo("access_denied");

        HttpResponse<String> allowed = api.patch(VENDOR, BASE + "/resellers/" + iss, "{\"allowedLicenses\": 1}", null);
        assertThat(json(allowed).get("allowedLicenses").asInt()).as(allowed.body()).isEqualTo(1);
        HttpResponse<String> issued = api.post("ivy@issuer.example", BASE + "/licenses", body);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(json(issued).get("issuedBy").asString()).isEqualTo(iss);
        assertThat(json(issued).get("resellerId").asString()).isEqualTo(iss);

        HttpResponse<String> refused = api.post("ivy@issuer.example", BASE + "/licenses", body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = json(refused);
        assertThat(problem.get("quota").asString()).isEqualTo("reseller.allowedLicenses");
        assertThat(problem.get("limit").asLong()).isEqualTo(1);
        assertThat(problem.get("usage").asLong()).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM rk_licenses")).isEqualTo(licenses + 1);
        JsonNode usage = json(api.get("ivy@issuer.example", BASE + "/resellers/" + iss + "/usage"));
        assertThat(usage.get("allowedLicenses").asLong()).isEqualTo(1);
        assertThat(usage.get("licenses").asLong()).isEqualTo(1);
    }

    @Test
    void aResellerAdminImportsCustomersAllOrNothingAndABadRowIsNamed() {
        String imp = createReseller("Importer", 3, 2);
        createUser(VENDOR, "ian@importer.example", "reseller-admin", imp, null);
        String customers = "[{\"organization\": {\"name\": \"Globex\", \"email\": \"it@globex.example\","
                + " \"allowedUsers\": 5}, \"users\": [{\"firstName\": \"Hank\", \"lastName\": \"S\","
                + " \"email\": \"hank@globex.example\", \"role\": \"organization-admin\"}, {\"firstName\": \"Ho\","
                + " \"lastName\": \"S\", \"email\": \"%s\", \"role\": \"user\"}]}]";
        long users = api.count("SELECT count(*) FROM rk_users");
        HttpResponse<String> bad = api.post("ian@importer.example", BASE + "/organizations/import",
                "{\"resellerId\": \"" + imp + "\", \"customers\": " + customers.formatted("not-an-email") + "}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json(bad).get("violations").get(0).get("field").asString()).isEqualTo("customers[0].users[1].email");
        assertThat(api.count("SELECT count(*) FROM rk_users")).isEqualTo(users);

        HttpResponse<String> done = api.post("ian@importer.example", BASE + "/organizations/import",
                "{\"resellerId\": \"" + imp + "\", \"customers\": " + customers.formatted("homer@globex.example") + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        JsonNode created = json(done);
        assertThat(created.get("organizations").get(0).get("resellerId").asString()).isEqualTo(imp);
        assertThat(created.get("users").get(1).get("organizationId").asString())
                .isEqualTo(created.get("organizations").get(0).get("id").asString());
        assertThat(api.count("SELECT count(*) FROM rk_users")).isEqualTo(users + 2);

        HttpResponse<String> full = api.post("ian@importer.example", BASE + "/organizations/import",
                "{\"resellerId\": \"" + imp + "\", \"customers\": " + customers.replace("hank@", "hank2@")
                        .formatted("homer2@globex.example") + "}");
        assertThat(full.statusCode()).as(full.body()).isEqualTo(409);
        assertThat(json(full).get("quota").asString()).isEqualTo("reseller.allowedUsers");
        assertThat(json(full).get("usage").asLong()).isEqualTo(2);
    }

    @Test
    void theTrailRecordsWhoFromWhereAndFiltersByEmailRequestIdAndTextInBothOrdersAndAsCsv() {
        String epsilon = createReseller("Epsilon", 5, 5);
        createUser(VENDOR, "eve@epsilon.example", "reseller-admin", epsilon, null);
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> created = api.send(ApiServer.request("eve@epsilon.example")
                    .header("Content-Type", "application/json").header("X-Request-Id", "req-eps-" + i)
                    .header("User-Agent", "portal/" + i)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            userJson("c" + i + "@customer-eps.example", "user", epsilon, null))), BASE + "/users");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        String filter = "/audit-logs?resellerId=" + epsilon + "&actorEmail=EVE@epsilon.example&action=user.created";

        JsonNode newest = json(api.get(VENDOR, BASE + filter)).get("items");
        assertThat(newest).hasSize(3);
        JsonNode first = newest.get(2);
        assertThat(first.get("requestId").asString()).isEqualTo("req-eps-1");
        assertThat(first.get("userAgent").asString()).isEqualTo("portal/1");
        assertThat(first.get("ipAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(first.get("actorName").asString()).isEqualTo("F L");
        assertThat(first.get("actorEmail").asString()).isEqualTo("eve@epsilon.example");
        JsonNode oldest = json(api.get(VENDOR, BASE + filter + "&sort=createdAt")).get("items");
        assertThat(oldest.get(0).get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(json(api.get(VENDOR, BASE + filter + "&requestId=req-eps-2")).get("items")).hasSize(1);
        assertThat(json(api.get(VENDOR, BASE + "/audit-logs?resellerId=" + epsilon + "&search=EVE@EPS"))
                .get("items")).hasSize(3);
        assertThat(json(api.get(VENDOR, BASE + filter + "&sort=name")).get("code").asString())
                .isEqualTo("validation_failed");

        HttpResponse<String> csv = api.get(VENDOR, BASE + "/audit-logs/export?format=csv&sort=createdAt&" + filter
                .substring(filter.indexOf('?') + 1));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains("req-eps-1").contains("portal/1");
    }

    @Test
    void theTrailIsVerifiedExportedWithItsLinksPurgedAndAFormerUserErasedOverHttp() {
        String zeta = createReseller("Zeta", 5, 5);
        String zed = createUser(VENDOR, "zed@zeta.example", "reseller-admin", zeta, null);
        createUser("zed@zeta.example", "c1@customer-zeta.example", "user", zeta, null);

        JsonNode verified = json(api.get(VENDOR, BASE + "/audit-logs/verification?resellerId=" + zeta));
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("heads").get(0).get("chain").asString()).isEqualTo("reseller/" + zeta);
        assertThat(verified.get("firstBreak").isNull()).isTrue();
        assertThat(api.get("zed@zeta.example", BASE + "/audit-logs/verification").statusCode()).isEqualTo(403);

        HttpResponse<String> export = api.get(VENDOR, BASE + "/audit-logs/export?sort=createdAt&resellerId=" + zeta);
        JsonNode oldest = ApiServer.JSON.readTree(export.body().lines().findFirst().orElseThrow());
        assertThat(oldest.get("chain").asString()).isEqualTo("reseller/" + zeta);
        assertThat(oldest.get("seq").asLong()).isEqualTo(1);
        assertThat(oldest.get("prevHash").asString()).isEqualTo("0".repeat(64));
        assertThat(oldest.get("hashVersion").asInt()).isEqualTo(2);
        assertThat(oldest.get("seals").properties()).isNotEmpty();

        assertThat(api.post("zed@zeta.example", BASE + "/audit-logs/purge", "{\"olderThan\": \"2000-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(403);
        assertThat(json(api.post(VENDOR, BASE + "/audit-logs/purge", "{\"batchSize\": 10}")).get("violations").get(0)
                .get("field").asString()).isEqualTo("olderThan");
        assertThat(json(api.post(VENDOR, BASE + "/audit-logs/purge", "{\"olderThan\": \"2000-01-01T00:00:00Z\"}"))
                .get("eventsPurged").asLong()).isZero();

        HttpResponse<String> stillThere = api.post(VENDOR, BASE + "/audit-logs/erasures", "{\"userId\": \"" + zed + "\"}");
        assertThat(stillThere.statusCode()).as(stillThere.body()).isEqualTo(409);
        assertThat(api.delete(VENDOR, BASE + "/users/" + zed, null).statusCode()).isEqualTo(204);
        HttpResponse<String> erased = api.post(VENDOR, BASE + "/audit-logs/erasures",
                "{\"userId\": \"" + zed + "\", \"email\": \"ZED@zeta.example\"}");
        assertThat(json(erased).get("eventsErased").asLong()).as(erased.body()).isEqualTo(5); // created, acted, refused twice, deleted
        assertThat(api.get(VENDOR, BASE + "/audit-logs/export?resellerId=" + zeta).body()).doesNotContain("zed@zeta");
        assertThat(json(api.get(VENDOR, BASE + "/audit-logs/verification?resellerId=" + zeta)).get("ok").asBoolean()).isTrue();
    }

    @Test
    void aRequestIdIsGeneratedWhenAbsentAndEchoed() {
        HttpResponse<String> r = api.get(VENDOR, BASE + "/resellers?limit=1");
        assertThat(r.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void aResellerAdminRegistersOneWebhookForItsOwnEventsAndSeesItsSecretOnce() {
        String hooky = createReseller("Hooky", 5, 5);
        createUser(VENDOR, "hal@hooky.example", "reseller-admin", hooky, null);
        String other = createReseller("Nosy", 5, 5);
        createUser(VENDOR, "nia@nosy.example", "reseller-admin", other, null);
        String register = """
                {"url": "https://hooks.hooky.example/%s", "eventTypes": ["user.created"], "resellerId": "%s"}
                """;
        HttpResponse<String> created = api.post("hal@hooky.example", BASE + "/webhooks", register.formatted("a", hooky));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.get("secret").asString()).startsWith("whsec_");
        String id = body.get("endpoint").get("id").asString();
        assertThat(body.get("endpoint").get("eventTypes").get(0).asString()).isEqualTo("user.created");

        HttpResponse<String> second = api.post("hal@hooky.example", BASE + "/webhooks", register.formatted("b", hooky));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(json(second).get("quota").asString()).isEqualTo("webhooks");
        HttpResponse<String> vendorWide = api.post("hal@hooky.example", BASE + "/webhooks",
                "{\"url\": \"https://hooks.hooky.example/all\", \"eventTypes\": []}");
        assertThat(vendorWide.statusCode()).as(vendorWide.body()).isEqualTo(403);
        HttpResponse<String> internal = api.post(VENDOR, BASE + "/webhooks",
                "{\"url\": \"http://10.0.0.1/hook\", \"eventTypes\": []}");
        assertThat(internal.statusCode()).as(internal.body()).isEqualTo(400);
        assertThat(internal.body()).contains("url");
        HttpResponse<String> badType = api.post(VENDOR, BASE + "/webhooks",
                "{\"url\": \"https://crm.example/h\", \"eventTypes\": [\"user.exploded\"]}");
        assertThat(badType.statusCode()).as(badType.body()).isEqualTo(400);
        assertThat(badType.body()).contains("eventTypes");

        HttpResponse<String> listed = api.get("hal@hooky.example", BASE + "/webhooks?resellerId=" + hooky);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain("whsec_");
        assertThat(api.get("nia@nosy.example", BASE + "/webhooks/" + id).statusCode()).isEqualTo(403);
        HttpResponse<String> deliveries = api.get("hal@hooky.example", BASE + "/webhooks/" + id + "/deliveries");
        assertThat(deliveries.statusCode()).as(deliveries.body()).isEqualTo(200);
        assertThat(api.delete("hal@hooky.example", BASE + "/webhooks/" + id, null).statusCode()).isEqualTo(204);
        assertThat(api.get(VENDOR, BASE + "/webhooks/" + id).statusCode()).isEqualTo(404);
    }
}
