package io.resellerkit.command;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

/** Checks {@link StorableTime}; the message names the range. */
public final class StorableTimeValidator implements ConstraintValidator<StorableTime, Instant> {
    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        if (value == null || Constraints.isStorableTime(value)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                "must be from " + Constraints.EARLIEST_TIME + " to " + Constraints.LATEST_TIME).addConstraintViolation();
        return false;
    }
}
