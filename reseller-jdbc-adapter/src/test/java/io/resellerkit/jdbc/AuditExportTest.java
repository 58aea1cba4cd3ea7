package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.model.AuditAction;
import io.resellerkit.AuditVerification;
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
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    @Test
    void aChainedJsonLinesExportCarriesEachLinkAndAnAuditorVerifiesItOfflineUntilALineIsEdited() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 2)) {
            ResellerKit kit = ResellerKit.builder(JdbcStorage.builder(ds).build()).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            for (int i = 0; i < 4; i++) { // vendor staff: their events are all in the vendor's chain
                kit.users().create(asVendor, CreateUser.of("A", "Admin" + i, "a" + i + "@vendor.example", Role.ADMIN));
            }
            StringWriter out = new StringWriter();
            kit.audit().exportChained(asVendor, AuditQuery.all().withOldestFirst(), AuditJsonLines.chained(out));
            List<String> lines = List.of(out.toString().split("\n"));
            assertEquals(5, lines.size());
            JsonNode first = JSON.readTree(lines.get(0));
            assertEquals(List.of("vendor", 1L, ChainLink.GENESIS, 2), List.of(first.get("chain").asText(),
                    first.get("seq").asLong(), first.get("prevHash").asText(), first.get("hashVersion").asInt()));
            assertEquals(java.util.Optional.empty(), AuditVerification.check(0, ChainLink.GENESIS, parse(lines)));
            assertEquals(kit.audit().verify(asVendor, null).heads().get(0).hash(),
                    JSON.readTree(lines.get(4)).get("hash").asText(), "the last line ends where the head is");

            List<String> edited = new ArrayList<>(lines);
            edited.set(2, edited.get(2).replace("a1@vendor.example", "a9@vendor.example"));
            AuditVerification.Break b = AuditVerification.check(0, ChainLink.GENESIS, parse(edited)).orElseThrow();
            assertEquals(List.of(3L, AuditVerification.Problem.CONTENT_CHANGED), List.of(b.seq(), b.problem()));
        }
    }

    /** The lines of a chained JSON lines export, read back as an auditor's own tool would. */
    private static List<ChainedEvent> parse(List<String> lines) throws Exception {
        List<ChainedEvent> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            List<FieldChange> changes = new ArrayList<>();
            n.get("changes").forEach(c -> changes.add(new FieldChange(c.get("field").asText(), text(c, "old"),
                    text(c, "new"))));
            AuditEvent e = new AuditEvent(AuditEventId.of(text(n, "id")), Instant.parse(text(n, "occurredAt")),
                    UserId.of(text(n, "actorId")), Role.fromCode(text(n, "actorRole")).orElseThrow(),
                    text(n, "actorResellerId") == null ? null : ResellerId.of(text(n, "actorResellerId")), text(n, "actorName"), text(n, "actorEmail"),
                    AuditAction.fromCode(text(n, "action")).orElseThrow(), text(n, "resourceType"),
                    text(n, "resourceId"), text(n, "resellerId") == null ? null : ResellerId.of(text(n, "resellerId")),
                    changes, text(n, "requestId"), text(n, "clientIp"), text(n, "userAgent"), text(n, "reason"));
            Map<String, String> seals = new TreeMap<>();
            n.get("seals").fields().forEachRemaining(f -> seals.put(f.getKey(), f.getValue().asText()));
            events.add(new ChainedEvent(e, new ChainLink(text(n, "chain"), n.get("seq").asLong(),
                    text(n, "prevHash"), text(n, "hash"), n.get("hashVersion").asInt(), seals)));
        }
        return events;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Test
    void linksWrittenBeforeVersion10StillVerifyBesideNewOnesAndAfterAnErasure() throws Exception {
        try (HikariDataSource ds = Postgres.pooledDatabase(Postgres.newDatabase(), 2)) {
            JdbcStorage storage = JdbcStorage.builder(ds).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            ResellerId r1 = kit.resellers().create(asVendor, CreateReseller.of("R1", "r1@r.example", 5, 5)).id();
            String chain = "reseller/" + r1.value();
            // As schema version 6 wrote them: version-1 links, every value hashed as it is.
            storage.unitOfWork().write(() -> {
                for (int i = 0; i < 3; i++) {
                    AuditEvent e = new AuditEvent(AuditEventId.of("old-" + i), Instant.parse("2026-01-01T00:00:00Z")
                            .plusSeconds(i), UserId.of("gone-user"), Role.RESELLER_ADMIN, r1, "Gone User",
                            "gone@r.example", AuditAction.USER_UPDATED, "user", "u" + i, r1, List.of(), null, null, null,
                            null);
                    storage.auditTrail().append(e, ChainLink.after(storage.auditTrail().lockChain(chain), e));
                }
                return null;
            });
            kit.users().create(asVendor, CreateUser.of("New", "One", "new@r.example", Role.USER).inReseller(r1));
            assertEquals(List.of(2, 1, 1, 1, 2), storage.unitOfWork().read(() -> storage.auditTrail().chain(chain, 0, 10))
                    .stream().map(e -> e.link().version()).toList());
            assertEquals(true, kit.audit().verify(asVendor, r1).ok());

            assertEquals(3, kit.audit().erase(asVendor, UserId.of("gone-user"), null));
            AuditVerification v = kit.audit().verify(asVendor, r1);
            assertEquals(true, v.ok(), () -> "after erasing from version-1 links: " + v.firstBreak());
            for (String trace : List.of("gone user", "gone@r.example")) { // the user id stays: it is no name
                assertEquals(0, storage.unitOfWork().read(() -> storage.auditTrail().find(
                        AuditQuery.all().withText(trace), null, 10)).size(), trace);
            }
        }
    }
}
