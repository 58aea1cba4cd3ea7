package io.resellerkit.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free-form metadata within its limits: at most {@value MetadataValidator#MAX_ENTRIES}
 * entries; keys of 1 to {@value MetadataValidator#MAX_KEY_LENGTH} letters, digits, {@code _}
 * or {@code -}; values not null and at most {@value MetadataValidator#MAX_VALUE_LENGTH}
 * characters. Null means "no metadata" (or, in an update, "unchanged").
 */
@Documented
@Constraint(validatedBy = MetadataValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidMetadata {
    String message() default "metadata is out of its limits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
