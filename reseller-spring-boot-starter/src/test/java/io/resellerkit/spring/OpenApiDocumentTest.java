package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document springdoc serves for the API equals the committed
 * {@code reseller-spring-boot-starter/openapi.json}, so every change to the API shows in review.
 * After a deliberate change, write the new document with
 * {@code mvn -pl reseller-spring-boot-starter -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true}.
 */
class OpenApiDocumentTest {
    private static final Path COMMITTED = Path.of("openapi.json");

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served;
        try (ApiServer api = ApiServer.inMemory()) {
            var response = api.get(null, "/v3/api-docs");
            assertThat(response.statusCode()).isEqualTo(200);
            ObjectNode document = (ObjectNode) ApiServer.JSON.readTree(response.body());
            document.remove("servers"); // the test server's random port
            served = ApiServer.JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(document) + "\n";
        }
        assertThat(served).contains("\"openapi\" : \"3.1");
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(served).as("the served OpenAPI document differs from %s; if the change is meant, "
                + "run this test with -Dopenapi.write=true and commit the file", COMMITTED.toAbsolutePath())
                .isEqualTo(Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "");
    }
}
