package io.resellerkit.command;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks {@link ValidMetadata}; reports each broken limit as its own violation. */
public final class MetadataValidator implements ConstraintValidator<ValidMetadata, Map<String, String>> {
    /** Most entries one resource may carry. */
    public static final int MAX_ENTRIES = 50;
    /** Longest key. */
    public static final int MAX_KEY_LENGTH = 64;
    /** Longest value. */
    public static final int MAX_VALUE_LENGTH = 256;

    // No dots: filters address metadata as "metadata.<key>".
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_KEY_LENGTH + "}");
    private static final Pattern VALUE = Pattern.compile(PlainText.PATTERN);

    @Override
    public boolean isValid(Map<String, String> metadata, ConstraintValidatorContext context) {
        if (metadata == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (metadata.size() > MAX_ENTRIES) {
            valid = violation(context, "must have at most " + MAX_ENTRIES + " entries", null);
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                valid = violation(context, "key must be 1 to " + MAX_KEY_LENGTH
                        + " letters, digits, '_' or '-'", String.valueOf(key));
            }
            String value = e.getValue();
            if (value == null || value.length() > MAX_VALUE_LENGTH || !VALUE.matcher(value).matches()) {
                valid = violation(context, "value must not be null, at most " + MAX_VALUE_LENGTH
                        + " characters, without control characters", String.valueOf(key));
            }
        }
        return valid;
    }

    private static boolean violation(ConstraintValidatorContext context, String message, String key) {
        var builder = context.buildConstraintViolationWithTemplate(escape(message));
        if (key == null) {
            builder.addConstraintViolation();
        } else {
            builder.addBeanNode().inIterable().atKey(truncate(key)).addConstraintViolation();
        }
        return false;
    }

    // Message templates interpret { } and $; our messages are literal.
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    // A hostile key could be megabytes long; the error names it, briefly.
    private static String truncate(String key) {
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH) + "...";
    }
}
