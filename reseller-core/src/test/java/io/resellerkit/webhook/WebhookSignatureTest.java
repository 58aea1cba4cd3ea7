package io.resellerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String BODY = "{\"type\":\"user.created\"}";

    @Test
    void theSignatureIsHmacSha256OfTheTimestampADotAndTheBodyAsAReceiverComputesItByHand() throws Exception {
        String secret = "whsec_test";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((T.getEpochSecond() + "." + BODY)
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=" + T.getEpochSecond() + ",v1=" + expected, WebhookSignature.sign(secret, T, BODY));
    }

    @Test
    void aSignatureVerifiesOnlyWithItsSecretItsBodyAndAFreshTimestamp() {
        String secret = WebhookSignature.newSecret();
        String header = WebhookSignature.sign(secret, T, BODY);
        assertTrue(WebhookSignature.verify(secret, header, BODY, T.plusSeconds(299), TOLERANCE));
        assertFalse(WebhookSignature.verify(secret, header, BODY + " ", T, TOLERANCE), "a changed body");
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), header, BODY, T, TOLERANCE), "another secret");
        assertFalse(WebhookSignature.verify(secret, header, BODY, T.plusSeconds(301), TOLERANCE), "a replay, too late");
        assertFalse(WebhookSignature.verify(secret, header, BODY, T.minusSeconds(301), TOLERANCE), "from the future");
        String movedTime = header.replace("t=" + T.getEpochSecond(), "t=" + (T.getEpochSecond() + 60));
        assertFalse(WebhookSignature.verify(secret, movedTime, BODY, T, TOLERANCE), "the time is signed too");
    }

    @Test
    void aMalformedHeaderIsRefusedWithoutAnError() {
        String secret = "whsec_test";
        for (String bad : new String[] {null, "", "v1=00", "t=abc,v1=00", "t=" + T.getEpochSecond(), "garbage"}) {
            assertFalse(WebhookSignature.verify(secret, bad, BODY, T, TOLERANCE), String.valueOf(bad));
        }
    }

    @Test
    void secretsAreThirtyTwoRandomBytesEachTimeDifferent() {
        String a = WebhookSignature.newSecret();
        assertTrue(a.matches("whsec_[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, WebhookSignature.newSecret());
    }

    @Test
    void theBackoffIsFullJitterUnderADoublingBoundCappedAtTheMaximum() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        long most = 0;
        for (int i = 0; i < 2000; i++) {
            long third = WebhookSender.backoffMillis(3, first, max);
            assertTrue(third >= 0 && third <= 4000, "after 3 failures: up to 4 s, was " + third);
            long late = WebhookSender.backoffMillis(40, first, max);
            assertTrue(late >= 0 && late <= 30_000, "capped, and no overflow: " + late);
            most = Math.max(most, late);
        }
        assertTrue(most > 20_000, "the cap is reached, not stuck low: " + most);
    }
}
