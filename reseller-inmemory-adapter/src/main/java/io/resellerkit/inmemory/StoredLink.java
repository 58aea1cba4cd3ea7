package io.resellerkit.inmemory;

import io.resellerkit.spi.ChainLink;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chain link as the in-memory trail keeps it, in a fraction of a {@link ChainLink}'s heap: the
 * chain's name is the key it is stored under; hashes in lower-case hex are kept as their 32 bytes
 * (and a link's previous hash is the same array as the link before's hash); seals that are all
 * fresh salts ({@code salt:<32 hex>}) are kept as their 16 bytes each behind a shared array of
 * their paths. Anything else (digests after an erasure, version-1 links, odd values) is kept as
 * given. {@link #link} gives back a link equal to the one stored.
 */
final class StoredLink {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SALT = "salt:";
    /** Each set of seal paths once: there are only a few (which personal values an event has). */
    private static final Map<List<String>, String[]> PATHS = new ConcurrentHashMap<>();

    final SortKey key;
    final long seq;
    private final Object prevHash;
    private final Object hash;
    private final int version;
    /** The seals' paths, in order, if {@link #salts} holds their values; otherwise null. */
    private final String[] saltPaths;
    /** 16 bytes per path of {@link #saltPaths}, or the seals as given. */
    private final Object salts;

    private StoredLink(SortKey key, long seq, Object prevHash, Object hash, int version, String[] saltPaths,
                       Object salts) {
        this.key = key;
        this.seq = seq;
        this.prevHash = prevHash;
        this.hash = hash;
        this.version = version;
        this.saltPaths = saltPaths;
        this.salts = salts;
    }

    /** The link of the event at {@code key}; {@code before} (may be null) is the chain's link before it. */
    static StoredLink of(SortKey key, ChainLink link, StoredLink before) {
        Object prev = compact(link.prevHash());
        if (before != null && prev instanceof byte[] p && before.hash instanceof byte[] h && Arrays.equals(p, h)) {
            prev = before.hash; // one array for both links
        }
        Map<String, String> seals = link.seals();
        String[] paths = null;
        Object salts = seals;
        if (!seals.isEmpty() && seals.values().stream().allMatch(StoredLink::isSalt)) {
            paths = PATHS.computeIfAbsent(List.copyOf(seals.keySet()), p -> p.toArray(String[]::new));
            byte[] bytes = new byte[16 * paths.length];
            int at = 0;
            for (String seal : seals.values()) {
                System.arraycopy(HEX.parseHex(seal, SALT.length(), seal.length()), 0, bytes, at, 16);
                at += 16;
            }
            salts = bytes;
        }
        return new StoredLink(key, link.seq(), prev, compact(link.hash()), link.version(), paths, salts);
    }

    /** The link as it was stored, in {@code chain}. */
    ChainLink link(String chain) {
        return new ChainLink(chain, seq, text(prevHash), text(hash), version, seals());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> seals() {
        if (saltPaths == null) {
            return (Map<String, String>) salts;
        }
        byte[] bytes = (byte[]) salts;
        Map<String, String> seals = new TreeMap<>();
        for (int i = 0; i < saltPaths.length; i++) {
            seals.put(saltPaths[i], SALT + HEX.formatHex(bytes, 16 * i, 16 * i + 16));
        }
        return seals;
    }

    private static boolean isSalt(String seal) {
        return seal.length() == SALT.length() + 32 && seal.startsWith(SALT) && lowerHex(seal, SALT.length());
    }

    /** A hash's 32 bytes if it is 64 lower-case hex digits (so that it prints back the same), else the text. */
    private static Object compact(String hash) {
        return hash.length() == 64 && lowerHex(hash, 0) ? HEX.parseHex(hash) : hash;
    }

    private static String text(Object hash) {
        return hash instanceof byte[] bytes ? HEX.formatHex(bytes) : (String) hash;
    }

    private static boolean lowerHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
