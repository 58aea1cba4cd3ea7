package io.resellerkit.error;

/**
 * One broken input rule.
 *
 * @param field   the field's path, such as {@code email} or {@code metadata<K>[region]}
 * @param rule    the rule's name, such as {@code NotBlank}, {@code Size}, {@code Email}
 * @param message what the rule asks, such as {@code size must be between 1 and 200}
 */
public record Violation(String field, String rule, String message) {
    @Override
    public String toString() {
        return field + ": " + message + " (" + rule + ")";
    }
}
