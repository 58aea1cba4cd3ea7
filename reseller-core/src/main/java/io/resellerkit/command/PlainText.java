package io.resellerkit.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person would type: no control characters (NUL, line breaks, escapes), no lone
 * surrogates, no bidirectional overrides that make text read differently than it is stored.
 * Null is valid (combine with {@code @NotNull} or {@code @NotBlank}).
 */
@Documented
@Pattern(regexp = PlainText.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
    /** What the annotation allows, as a regular expression. */
    String PATTERN = "[^\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069]*";

    String message() default "must not contain control characters or bidirectional overrides";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
