package io.resellerkit.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An instant every supported database stores exactly: from {@link Constraints#EARLIEST_TIME}
 * to {@link Constraints#LATEST_TIME}, both included. Null is valid.
 */
@Documented
@Constraint(validatedBy = StorableTimeValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableTime {
    String message() default "must be a time every supported database stores";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
