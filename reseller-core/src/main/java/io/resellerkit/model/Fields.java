package io.resellerkit.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers the entities share. */
final class Fields {
    private Fields() {
    }

    /** An unmodifiable, sorted copy, so entities stay immutable and compare equal. */
    static Map<String, String> metadata(Map<String, String> metadata) {
        return metadata == null || metadata.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** Starts an ordered audit-field map. */
    static Map<String, String> audit() {
        return new LinkedHashMap<>();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static Map<String, String> withMetadata(Map<String, String> fields, Map<String, String> metadata) {
        metadata.forEach((k, v) -> fields.put("metadata." + k, v));
        return Collections.unmodifiableMap(fields);
    }

    static void requireTimes(Instant createdAt, Instant updatedAt) {
        if (createdAt == null || updatedAt == null) {
            throw new NullPointerException("createdAt and updatedAt are required");
        }
    }
}
