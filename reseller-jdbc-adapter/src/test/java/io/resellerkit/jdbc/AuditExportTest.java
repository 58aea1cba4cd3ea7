package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.model.AuditAction;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.ChainLink;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail exports as JSON lines, newest first, page by page. */
class AuditExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExportThroughTheKitWritesOneJsonLinePerEventNewestFirst() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 2)) {
            ResellerKit kit = ResellerKit.builder(JdbcStorage.builder(ds).build()).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = new RequestContext(admin.id(), "req-1").withClientIp("203.0.113.9")
                    .withUserAgent("ops-console/2.1");
            kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 5, 5));

            StringWriter out = new StringWriter();
            kit.audit().export(asVendor, AuditQuery.all(), AuditJsonLines.to(out));
            String[] lines = out.toString().split("\n");
            assertEquals(2, lines.length);
            JsonNode newest = JSON.readTree(lines[0]);
            assertEquals(AuditAction.RESELLER_CREATED.code(), newest.get("action").asText());
            assertEquals("req-1", newest.get("requestId").asText());
            assertEquals(admin.id().value(), newest.get("actorId").asText());
            assertEquals("Vera Vendor", newest.get("actorName").asText());
            assertEquals("vera@vendor.example", newest.get("actorEmail").asText());
            assertEquals("203.0.113.9", newest.get("clientIp").asText());
            assertEquals("ops-console/2.1", newest.get("userAgent").asText());
            assertEquals(AuditAction.USER_CREATED.code(), JSON.readTree(lines[1]).get("action").asText());
        }
    }

    @Test
    void aTrailLongerThanAPageExportsEveryEventOnceWithEveryFieldIntact() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 2)) {
            JdbcStorage storage = JdbcStorage.builder(ds).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            Instant t0 = Instant.parse("2026-03-01T10:15:30.123456Z");
            List<AuditEvent> appended = new ArrayList<>();
            for (int i = 0; i < 250; i++) { // two and a half pages, five events per instant
                appended.add(new AuditEvent(AuditEventId.of(String.format("e-%03d", i)), t0.plusSeconds(i / 5),
                        UserId.of("actor"), Role.RESELLER_ADMIN, ResellerId.of("r1"), "Ann \"Quote\" O'Hara",
                        "Ann@X.example", AuditAction.USER_UPDATED, "user", "u" + i, ResellerId.of("r1"),
                        List.of(new FieldChange("email", "a\"b@x", "line\nbreak@x")), null, "2001:db8::1", "ua/1",
                        null));
            }
            storage.unitOfWork().write(() -> {
                appended.forEach(e -> storage.auditTrail().append(e,
                        ChainLink.after(storage.auditTrail().lockChain("test"), e)));
                return null;
            });
            List<AuditEvent> exported = new ArrayList<>();
            StringWriter out = new StringWriter();
            kit.audit().export(RequestContext.of(admin.id()), AuditQuery.all().forReseller(ResellerId.of("r1")), e -> {
                exported.add(e);
                AuditJsonLines.to(out).accept(e);
            });
            List<AuditEvent> expected = new ArrayList<>(appended);
            java.util.Collections.reverse(expected);
            assertEquals(expected, exported);
            String[] lines = out.toString().split("\n");
            assertEquals(250, lines.length);
            JsonNode change = JSON.readTree(lines[0]).get("changes").get(0);
            assertEquals("line\nbreak@x", change.get("new").asText());
            assertEquals("a\"b@x", change.get("old").asText());
            assertEquals("Ann \"Quote\" O'Hara", JSON.readTree(lines[0]).get("actorName").asText());
        }
    }
}
