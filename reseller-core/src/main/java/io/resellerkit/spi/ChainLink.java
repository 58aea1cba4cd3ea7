package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where an audit event sits in its chain, and the hashes that tie it to the event before it.
 * The core computes links ({@link #after}); an adapter stores them as given and reads them back
 * unchanged.
 *
 * @param chain    the chain's name: {@code vendor} or {@code reseller/<id>} for changes, with
 *                 {@code /refusals} appended for refused attempts
 * @param seq      1 for the chain's first event, one more for each next one: no gaps, in commit order
 * @param prevHash the hash of the event before, {@link #GENESIS} for the first
 * @param hash     {@link #hash(AuditEvent, String) hash(event, prevHash)}
 */
public record ChainLink(String chain, long seq, String prevHash, String hash) {
    /** What the first event of a chain links to: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public ChainLink {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The link that puts {@code event} right after the chain's {@code head}. */
    public static ChainLink after(ChainHead head, AuditEvent event) {
        return new ChainLink(head.chain(), head.seq() + 1, head.hash(), hash(event, head.hash()));
    }

    /**
     * SHA-256 of the event's {@link AuditEvent#canonical() canonical text} followed by
     * {@code prevHash}, both as ASCII bytes; lower-case hex, 64 characters.
     */
    public static String hash(AuditEvent event, String prevHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(event.canonical().getBytes(StandardCharsets.US_ASCII));
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
