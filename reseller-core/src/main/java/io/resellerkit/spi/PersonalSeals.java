package io.resellerkit.spi;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How an audit chain's hash covers a person's name and email only indirectly, so that they can be
 * erased without breaking the chain. Each personal value of an event (its {@link #paths}) gets a
 * seal, kept with its link: {@code salt:<32 hex>} while the value is stored, a random salt of 16
 * bytes; {@code digest:<64 hex>} once the value was erased. The hash of a version-2 link covers the
 * digest of each personal value (SHA-256 of the salt's bytes and the value in UTF-8), never the
 * value itself. Erasure replaces the value with a pseudonym and the salt with the digest: the
 * link's hash stays the same; the digest cannot be reversed, even for a guessable email, because
 * the salt is gone. While the salt is kept, changing the value changes its digest and so breaks
 * the link, like any other edit.
 */
public final class PersonalSeals {
    /** The fields of a change whose values are personal data. */
    public static final Set<String> PERSONAL_FIELDS = Set.of("firstName", "lastName", "email");
    /** The prefix of every pseudonym that replaces an erased value. */
    public static final String PSEUDONYM_PREFIX = "erased:";
    /**
     * The seals of a version-1 link (written before schema version 10, its hash over the plain
     * values) whose event was erased: its hash can no longer be recomputed, so its content is no
     * longer checked; its place and links still are.
     */
    public static final Map<String, String> V1_ERASED = Map.of("erased", "v1");
    private static final String SALT = "salt:";
    private static final String DIGEST = "digest:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** The paths of the first changes' values, made once: most events have fewer than 16 changes. */
    private static final String[][] CHANGE_PATHS = new String[16][];

    static {
        for (int i = 0; i < CHANGE_PATHS.length; i++) {
            CHANGE_PATHS[i] = new String[] {"changes/" + i + "/old", "changes/" + i + "/new"};
        }
    }

    private PersonalSeals() {
    }

    /**
     * The paths of the event's personal values that are present: {@code actorName},
     * {@code actorEmail}, and {@code changes/<i>/old} and {@code changes/<i>/new} of each change to
     * one of the {@link #PERSONAL_FIELDS}.
     */
    public static List<String> paths(AuditEvent event) {
        List<String> paths = new ArrayList<>();
        if (event.actorName() != null) {
            paths.add("actorName");
        }
        if (event.actorEmail() != null) {
            paths.add("actorEmail");
        }
        List<FieldChange> changes = event.changes();
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            if (PERSONAL_FIELDS.contains(c.field())) {
                if (c.oldValue() != null) {
                    paths.add(changePath(i, true));
                }
                if (c.newValue() != null) {
                    paths.add(changePath(i, false));
                }
            }
        }
        return paths;
    }

    /** {@code changes/<i>/old} or {@code changes/<i>/new}. */
    private static String changePath(int i, boolean old) {
        if (i < CHANGE_PATHS.length) {
            return CHANGE_PATHS[i][old ? 0 : 1];
        }
        return "changes/" + i + (old ? "/old" : "/new");
    }

    /** The value at one of the event's {@link #paths}. */
    public static String valueAt(AuditEvent event, String path) {
        return switch (path) {
            case "actorName" -> event.actorName();
            case "actorEmail" -> event.actorEmail();
            default -> {
                String[] parts = path.split("/");
                FieldChange c = event.changes().get(Integer.parseInt(parts[1]));
                yield parts[2].equals("old") ? c.oldValue() : c.newValue();
            }
        };
    }

    /** A fresh seal, with a new random salt, for each of the event's personal values. */
    public static Map<String, String> seal(AuditEvent event) {
        Map<String, String> seals = new TreeMap<>();
        List<String> paths = paths(event);
        byte[] salts = new byte[16 * paths.size()];
        RANDOM.nextBytes(salts); // one call for all: each costs a lock and a read of the system's source
        for (int i = 0; i < paths.size(); i++) {
            seals.put(paths.get(i), SALT + HEX.formatHex(salts, 16 * i, 16 * i + 16));
        }
        return seals;
    }

    /**
     * The digest of each personal value, as the version-2 canonical text uses them; empty if the
     * seals do not fit the event: a personal value without a seal or a seal without one, a seal
     * that is neither form, or an erased value that is not a pseudonym.
     */
    public static Optional<Map<String, String>> digests(AuditEvent event, Map<String, String> seals) {
        List<String> paths = paths(event);
        if (!seals.keySet().equals(Set.copyOf(paths))) {
            return Optional.empty();
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (String path : paths) {
            String seal = seals.get(path);
            String value = valueAt(event, path);
            if (seal.startsWith(SALT) && isHex(seal.substring(SALT.length()), 32)) {
                digests.put(path, DIGEST + digest(seal.substring(SALT.length()), value));
            } else if (seal.startsWith(DIGEST) && isHex(seal.substring(DIGEST.length()), 64)
                    && value.startsWith(PSEUDONYM_PREFIX)) {
                digests.put(path, seal);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(digests);
    }

    /** True if the value at {@code path} was erased. */
    public static boolean erased(Map<String, String> seals, String path) {
        String seal = seals.get(path);
        return seal != null && seal.startsWith(DIGEST);
    }

    /**
     * The seals after erasing the values at {@code paths}: each salt replaced by the digest it gave
     * with the value the event holds now (so call it before replacing the values).
     */
    public static Map<String, String> erase(AuditEvent event, Map<String, String> seals, Set<String> paths) {
        Map<String, String> erased = new TreeMap<>(seals);
        for (String path : paths) {
            String seal = seals.get(path);
            if (seal != null && seal.startsWith(SALT)) {
                erased.put(path, DIGEST + digest(seal.substring(SALT.length()), valueAt(event, path)));
            }
        }
        return erased;
    }

    /** SHA-256 of the salt's bytes and the value in UTF-8, lower-case hex. */
    static String digest(String saltHex, String value) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(saltHex));
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest());
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /**
     * This thread's SHA-256 digest, reset: looking one up costs more than hashing an event.
     * {@link MessageDigest#digest()} resets it after use.
     */
    static MessageDigest sha256() {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        return sha;
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
