package io.resellerkit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery, in the scheme Stripe uses: the header
 * {@value #HEADER}{@code : t=<unix seconds>,v1=<hex HMAC-SHA256>}, where the HMAC's key is the
 * endpoint's secret (its UTF-8 bytes, as shown at registration) and its message is
 * {@code t + "." + body}. Signing the time with the body lets a receiver refuse replays of an old
 * delivery: {@link #verify} accepts a timestamp within a tolerance of its clock.
 */
public final class WebhookSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "ResellerKit-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes, base64url without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header's value for {@code body} sent at {@code timestamp}. */
    public static String sign(String secret, Instant timestamp, String body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t + "." + body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} under {@code secret}, made within
     * {@code tolerance} of {@code now}. Compares in constant time; false for any malformed header.
     */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        if (header == null || body == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, t + "." + body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
