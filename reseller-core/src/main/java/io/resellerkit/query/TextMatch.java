package io.resellerkit.query;

import io.resellerkit.command.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * A case-insensitive text filter.
 *
 * @param operator how to compare
 * @param value    what to compare with, at most 256 characters
 */
public record TextMatch(@NotNull Operator operator, @NotNull @PlainText @Size(max = 256) String value) {

    /** How a {@link TextMatch} compares. */
    public enum Operator { EQUALS, STARTS_WITH, CONTAINS }

    /** Matches text equal to {@code value}, ignoring case. */
    public static TextMatch equalTo(String value) {
        return new TextMatch(Operator.EQUALS, value);
    }

    /** Matches text that starts with {@code value}, ignoring case. */
    public static TextMatch startsWith(String value) {
        return new TextMatch(Operator.STARTS_WITH, value);
    }

    /** Matches text that contains {@code value}, ignoring case. */
    public static TextMatch contains(String value) {
        return new TextMatch(Operator.CONTAINS, value);
    }

    /** {@link #value()} lower-cased the way every adapter compares it. */
    public String normalizedValue() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** The reference semantics every adapter must reproduce; null text never matches. */
    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String v = normalizedValue();
        return switch (operator) {
            case EQUALS -> t.equals(v);
            case STARTS_WITH -> t.startsWith(v);
            case CONTAINS -> t.contains(v);
        };
    }
}
