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

/** Turns keyset positions into opaque cursors and back. */
final class Cursors {
    private Cursors() {
    }

    static String encode(Keyset keyset) {
        String raw = keyset.time().getEpochSecond() + ":" + keyset.time().getNano() + ":" + keyset.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Keyset decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        Keyset keyset;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
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
        List<T> rows = query.apply(decode(request.cursor()));
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(items, encode(position.apply(items.get(items.size() - 1))));
    }
}
