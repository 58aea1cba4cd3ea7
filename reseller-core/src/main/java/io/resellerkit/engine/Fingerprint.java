package io.resellerkit.engine;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a write asks for, as one SHA-256 digest: the operation and every argument besides the
 * context (ids, the command, an expected version). Two calls digest alike exactly when they ask
 * for the same: records are rendered component by component, maps (metadata) in key order
 * whatever their own order, and every text with its length, so no text can pose as structure.
 */
final class Fingerprint {
    private Fingerprint() {
    }

    /** The digest of {@code op} with {@code arguments}, as 64 hex characters. */
    static String of(Operation op, Object... arguments) {
        StringBuilder text = new StringBuilder(op.name());
        for (Object argument : arguments) {
            text.append('|');
            render(text, argument);
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void render(StringBuilder out, Object value) {
        if (value == null) {
            out.append('~');
        } else if (value instanceof Record record) {
            out.append(record.getClass().getName()).append('{');
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                out.append(c.getName()).append('=');
                render(out, component(record, c));
                out.append(';');
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append("map{");
            sorted.forEach((k, v) -> {
                render(out, k);
                out.append('=');
                render(out, v);
                out.append(';');
            });
            out.append('}');
        } else if (value instanceof Collection<?> collection) {
            // A set's order is its own; a list's is the caller's.
            var rendered = collection.stream().map(v -> {
                StringBuilder one = new StringBuilder();
                render(one, v);
                return one.toString();
            });
            out.append(value instanceof Set ? "set[" : "list[")
                    .append(String.join(",", (value instanceof Set ? rendered.sorted() : rendered).toList())).append(']');
        } else {
            String text = value.toString();
            out.append(text.length()).append(':').append(text);
        }
    }

    private static Object component(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
    }
}
