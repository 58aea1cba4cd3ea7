package io.resellerkit.model;

import java.util.Objects;

/**
 * One field's change as the audit trail records it.
 *
 * @param field    the field's name, {@code metadata.<key>} for metadata
 * @param oldValue its value before, null if it had none
 * @param newValue its value after, null if it has none
 */
public record FieldChange(String field, String oldValue, String newValue) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
