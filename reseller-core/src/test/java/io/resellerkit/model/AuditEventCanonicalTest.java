package io.resellerkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.resellerkit.spi.ChainLink;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventCanonicalTest {
    private static AuditEvent event(String actorName, String requestId) {
        return new AuditEvent(AuditEventId.of("e1"), Instant.parse("2026-03-01T10:15:30.123456Z"), UserId.of("u1"),
                Role.RESELLER_ADMIN, ResellerId.of("r1"), actorName, "ann@x.example", AuditAction.USER_UPDATED, "user",
                "u2", ResellerId.of("r1"), List.of(new FieldChange("email", null, "b@x.example")), requestId,
                "192.0.2.7", "curl/8", null);
    }

    @Test
    void theCanonicalTextIsTheDocumentedJsonWithEveryFieldInOrder() {
        assertEquals("{\"v\":1,\"id\":\"e1\",\"occurredAt\":\"2026-03-01T10:15:30.123456Z\",\"actorId\":\"u1\","
                + "\"actorRole\":\"reseller-admin\",\"actorResellerId\":\"r1\",\"actorName\":\"Ann\","
                + "\"actorEmail\":\"ann@x.example\",\"action\":\"user.updated\",\"resourceType\":\"user\","
                + "\"resourceId\":\"u2\",\"resellerId\":\"r1\",\"changes\":[{\"field\":\"email\",\"old\":null,"
                + "\"new\":\"b@x.example\"}],\"requestId\":\"req\",\"clientIp\":\"192.0.2.7\",\"userAgent\":\"curl/8\","
                + "\"reason\":null}", event("Ann", "req").canonical());
    }

    @Test
    void quotesBackslashesAndEveryCharacterOutsidePrintableAsciiAreEscapedSoTheTextIsAscii() {
        String text = event("A\"n\\n\n\u00e9\ud83d\ude00", "req").canonical();
        assertEquals(true, text.contains("\"actorName\":\"A\\\"n\\\\n\\u000a\\u00e9\\ud83d\\ude00\""), text);
        assertEquals(true, text.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), text);
    }

    @Test
    void anAbsentValueAndTheTextNullHashDifferently() {
        assertNotEquals(event("Ann", null).canonical(), event("Ann", "null").canonical());
        assertNotEquals(ChainLink.hash(event("Ann", null), ChainLink.GENESIS),
                ChainLink.hash(event("Ann", "null"), ChainLink.GENESIS));
    }

    @Test
    void theHashIsSha256OfTheCanonicalTextAndThePreviousHash() throws Exception {
        AuditEvent e = event("Ann", "req");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((e.canonical() + ChainLink.GENESIS).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(java.util.HexFormat.of().formatHex(digest), ChainLink.hash(e, ChainLink.GENESIS));
        assertNotEquals(ChainLink.hash(e, ChainLink.GENESIS), ChainLink.hash(e, "1".repeat(64)));
    }
}
