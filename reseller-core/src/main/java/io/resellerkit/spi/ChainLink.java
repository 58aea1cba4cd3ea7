package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an audit event sits in its chain, and the hashes that tie it to the event before it.
 * The core computes links ({@link #after}); an adapter stores them as given and reads them back
 * unchanged.
 *
 * @param chain    the chain's name: {@code vendor} or {@code reseller/<id>} for changes, with
 *                 {@code /refusals} appended for refused attempts, {@code /reads} for reads under
 *                 an access grant
 * @param seq      1 for the chain's first event, one more for each next one: no gaps, in commit order
 * @param prevHash the hash of the event before, {@link #GENESIS} for the first
 * @param hash     the hash of the event's canonical text of the link's {@code version} followed by
 *                 {@code prevHash} ({@link #hashOf})
 * @param version  1 ({@link #hash(AuditEvent, String)}: every value hashed as it is; links written
 *                 before schema version 10) or 2 (personal values hashed through their
 *                 {@code seals}: {@link PersonalSeals})
 * @param seals    version 2: a seal per personal value, by its path ({@link PersonalSeals#paths});
 *                 empty for version 1
 */
public record ChainLink(String chain, long seq, String prevHash, String hash, int version, Map<String, String> seals) {
    /** What the first event of a chain links to: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    /** The version new links are written with. */
    public static final int CURRENT_VERSION = 2;
    private static final HexFormat HEX = HexFormat.of();

    public ChainLink {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        seals = seals == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(seals));
    }

    /** A version-1 link: every value of the event hashed as it is. */
    public ChainLink(String chain, long seq, String prevHash, String hash) {
        this(chain, seq, prevHash, hash, 1, Map.of());
    }

    /** The version-1 link that puts {@code event} right after the chain's {@code head}. */
    public static ChainLink after(ChainHead head, AuditEvent event) {
        return new ChainLink(head.chain(), head.seq() + 1, head.hash(), hash(event, head.hash()));
    }

    /**
     * The version-2 link that puts {@code event} right after the chain's {@code head}, its personal
     * values hashed through {@code seals} ({@link PersonalSeals#seal}).
     */
    public static ChainLink after(ChainHead head, AuditEvent event, Map<String, String> seals) {
        String digestsHash = hash2(event, seals, head.hash());
        if (digestsHash == null) {
            throw new IllegalArgumentException("the seals do not fit the event's personal values");
        }
        return new ChainLink(head.chain(), head.seq() + 1, head.hash(), digestsHash, 2, seals);
    }

    /** This link with other seals (an erasure's), everything else the same. */
    public ChainLink withSeals(Map<String, String> newSeals) {
        return new ChainLink(chain, seq, prevHash, hash, version, newSeals);
    }

    /**
     * What this link's hash must be for {@code event} as stored now, by the link's version: null
     * if its seals do not fit the event (a version-2 link), which counts as a changed content.
     */
    public String hashOf(AuditEvent event) {
        if (version == 1) {
            return seals.isEmpty() ? hash(event, prevHash) : seals.equals(PersonalSeals.V1_ERASED) ? hash : null;
        }
        return version == 2 ? hash2(event, seals, prevHash) : null;
    }

    private static String hash2(AuditEvent event, Map<String, String> seals, String prevHash) {
        return PersonalSeals.digests(event, seals).map(d -> sha256(event.canonical(d), prevHash)).orElse(null);
    }

    /**
     * Version 1: SHA-256 of the event's {@link AuditEvent#canonical() canonical text} followed by
     * {@code prevHash}, both as ASCII bytes; lower-case hex, 64 characters.
     */
    public static String hash(AuditEvent event, String prevHash) {
        return sha256(event.canonical(), prevHash);
    }

    private static String sha256(String canonical, String prevHash) {
        MessageDigest sha = PersonalSeals.sha256();
        sha.update(canonical.getBytes(StandardCharsets.US_ASCII));
        sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(sha.digest());
    }
}
