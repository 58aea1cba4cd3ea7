package io.resellerkit.engine;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.command.Constraints;
import io.resellerkit.error.ValidationException;
import io.resellerkit.spi.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Turns keyset positions into opaque cursors and back. A list read in a second order tags its
 * cursors with that order's name ({@code tag}), so a cursor of one order is refused in the
 * other instead of skipping or repeating rows; the untagged cursors are those of each list's
 * first order (oldest first for resources, newest first for the audit trail).
 */
final class Cursors {
    /** The tag of lists' own order: none, so cursors handed out before tags existed stay valid. */
    static final String UNTAGGED = "";

    private Cursors() {
    }

    static String encode(Keyset keyset) {
        return encode(UNTAGGED, keyset);
    }

    static String encode(String tag, Keyset keyset) {
        String raw = (tag.isEmpty() ? "" : tag + ":") + keyset.time().getEpochSecond() + ":"
                + keyset.time().getNano() + ":" + keyset.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Keyset decode(String cursor) {
        return decode(UNTAGGED, cursor);
    }

    /** The position in {@code cursor}, which must carry {@code tag}; null for no cursor. */
    static Keyset decode(String tag, String cursor) {
        if (cursor == null) {
            return null;
        }
        Keyset keyset;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!tag.isEmpty()) {
                if (!raw.startsWith(tag + ":")) {
                    throw notACursor();
                }
                raw = raw.substring(tag.length() + 1);
            }
            // A tagged cursor fails here when untagged is wanted: its tag is no number.
            String[] parts = raw.split(":", 3);
            keyset = new Keyset(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw notACursor();
        }
        // A forged cursor can hold any instant; one no database stores must not reach the adapter.
        if (!Constraints.isStorableTime(keyset.time())) {
            throw notACursor();
        }
        return keyset;
    }

    private static ValidationException notACursor() {
        return ValidationException.of("cursor", "Cursor", "must be a cursor returned by a previous page");
    }

    /** Reads one more item than asked, to know whether a next page exists. */
    static <T> Page<T> page(PageRequest request, Function<Keyset, List<T>> query, Function<T, Keyset> position) {
        return page(UNTAGGED, request, query, position);
    }

    /** As {@link #page(PageRequest, Function, Function)}, with cursors tagged {@code tag}. */
    static <T> Page<T> page(String tag, PageRequest request, Function<Keyset, List<T>> query,
                            Function<T, Keyset> position) {
        List<T> rows = query.apply(decode(tag, request.cursor()));
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(items, encode(tag, position.apply(items.get(items.size() - 1))));
    }
}
