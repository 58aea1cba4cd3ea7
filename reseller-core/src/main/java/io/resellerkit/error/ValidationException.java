package io.resellerkit.error;

import java.util.List;
import java.util.stream.Collectors;

/** The input broke one or more rules; every broken rule is listed. Nothing was written. */
public final class ValidationException extends ResellerKitException {
    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(ErrorCode.VALIDATION_FAILED, "invalid input: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), null);
        this.violations = List.copyOf(violations);
    }

    /** A failure of a single field. */
    public static ValidationException of(String field, String rule, String message) {
        return new ValidationException(List.of(new Violation(field, rule, message)));
    }

    /** Every broken rule, sorted by field. */
    public List<Violation> violations() {
        return violations;
    }
}
