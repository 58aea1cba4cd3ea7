package io.resellerkit.engine;

import io.resellerkit.error.ValidationException;
import io.resellerkit.error.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Checks commands and queries against their Jakarta Validation constraints. */
final class InputValidator {
    private final Validator validator;

    InputValidator() {
        // The parameter interpolator needs no Expression Language implementation on the classpath.
        ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /** @throws ValidationException listing every broken rule, if any */
    void validate(Object input) {
        if (input == null) {
            return;
        }
        Set<ConstraintViolation<Object>> found = validator.validate(input);
        if (!found.isEmpty()) {
            List<Violation> violations = found.stream()
                    .map(v -> new Violation(v.getPropertyPath().toString(),
                            v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                            v.getMessage()))
                    .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::rule))
                    .toList();
            throw new ValidationException(violations);
        }
    }

    /** A rule that annotations cannot express, broken. */
    static ValidationException invalid(String field, String rule, String message) {
        return ValidationException.of(field, rule, message);
    }

    static void require(boolean condition, String field, String rule, String message) {
        if (!condition) {
            throw invalid(field, rule, message);
        }
    }
}
