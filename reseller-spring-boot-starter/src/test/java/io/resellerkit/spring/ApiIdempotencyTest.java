package io.resellerkit.spring;

import static io.resellerkit.spring.ApiServer.BASE;
import static io.resellerkit.spring.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.command.CreateReseller;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client's retry storm over real HTTP on embedded PostgreSQL: many POSTs with one
 * {@code Idempotency-Key} write once and all answer with the first response. The replay itself is
 * the core's (RequestContext.idempotencyKey); this pins down that the API passes the key through and
 * maps a reused key to 422.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIdempotencyTest {
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

    private HttpResponse<String> createUser(String key, String email) {
        return api.send(ApiServer.request(VENDOR).header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"firstName": "Rita", "lastName": "Retry", "email": "%s", "role": "user", "resellerId": "%s"}
                        """.formatted(email, resellerId))), BASE + "/users");
    }

    @Test
    void thirtyTwoConcurrentPostsWithOneKeyCreateOneUserAndAllGetTheSameBody() throws Exception {
        int clients = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return createUser("storm-1", "rita@acme.example");
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                bodies.add(r.body());
            }
            assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.count("SELECT count(*) FROM rk_users WHERE email = 'rita@acme.example'")).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM rk_audit_events WHERE action = 'user.created' "
                + "AND resource_id IN (SELECT id FROM rk_users WHERE email = 'rita@acme.example')")).isEqualTo(1);
    }

    @Test
    void aKeyReusedWithAnotherBodyIs422AndWritesNothing() {
        assertThat(createUser("storm-2", "first@acme.example").statusCode()).isEqualTo(201);
        long users = api.count("SELECT count(*) FROM rk_users");

        HttpResponse<String> reused = createUser("storm-2", "second@acme.example");

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(json(reused).get("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(api.count("SELECT count(*) FROM rk_users")).isEqualTo(users);
    }
}
