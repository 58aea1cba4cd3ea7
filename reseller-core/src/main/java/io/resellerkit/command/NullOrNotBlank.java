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
 * {@code @NotBlank} for partial updates: null is valid (the field stays as it is); anything
 * else must hold a character other than whitespace, by the same test as {@code @NotBlank}
 * (a character above U+0020), so an update refuses exactly the blank values a create refuses.
 */
@Documented
@Pattern(regexp = NullOrNotBlank.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NullOrNotBlank {
    /** What the annotation allows, as a regular expression: some character above U+0020. */
    String PATTERN = "(?s).*[^\\x00-\\x20].*";

    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
