package io.resellerkit.engine;

import io.resellerkit.error.ValidationException;
import io.resellerkit.error.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import java.lang.annotation.ElementType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Checks commands and queries against their Jakarta Validation constraints. */
final class InputValidator {
    private final Validator validator;

    InputValidator() {
        // The parameter interpolator needs no Expression Language implementation on the classpath.
        // Commands are plain records, never JPA entities: with JPA on the host's classpath the
        // default resolver asks JPA about every property (7 % of an in-memory create, measured).
        ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .traversableResolver(new EverythingReachable())
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

    /** Every property is validated and cascaded: our inputs hold no lazily loaded state. */
    private static final class EverythingReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
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
