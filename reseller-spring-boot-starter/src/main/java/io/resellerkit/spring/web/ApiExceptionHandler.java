package io.resellerkit.spring.web;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.error.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of the API's controllers into RFC 9457 problem details
 * ({@code application/problem+json}) with a stable {@code code}: ResellerKit's error codes,
 * {@code violations} per field, {@code quota}, {@code limit} and {@code usage} for a quota. The
 * detail is ResellerKit's own message (which never carries SQL or another tenant's data) or a
 * fixed text: never an exception's class, a stack trace or a parser's message.
 */
@RestControllerAdvice(assignableTypes = {ResellersController.class, UsersController.class,
        OrganizationsController.class, LicensesController.class, AuditLogsController.class, MeController.class,
        AccessGrantsController.class, WebhooksController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Creates the handler; the auto-configuration calls it. */
    public ApiExceptionHandler() {
    }

    /** ResellerKit's errors, by their code. */
    @ExceptionHandler(ResellerKitException.class)
    public ResponseEntity<ProblemDetail> resellerKit(ResellerKitException e, HttpServletRequest request,
                                                     HttpServletResponse response) {
        abortIfStreaming(e, response);
        return switch (e.code()) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
            case ACCESS_DENIED -> problem(HttpStatus.FORBIDDEN, "access_denied", e.getMessage());
            case VALIDATION_FAILED -> invalid(((ValidationException) e).violations());
            case QUOTA_EXCEEDED -> quota((QuotaExceededException) e);
            case CONFLICT -> conflict((ConflictException) e, request);
            case STORAGE_ERROR -> {
                LOG.warn("storage error", e);
                yield problem(HttpStatus.SERVICE_UNAVAILABLE, "storage_error", "the storage failed; try again later");
            }
        };
    }

    /** An {@code If-Match} that no version can match. */
    @ExceptionHandler(Http.PreconditionFailedException.class)
    public ResponseEntity<ProblemDetail> preconditionFailed() {
        return problem(HttpStatus.PRECONDITION_FAILED, "precondition_failed",
                "If-Match must be the quoted version of the resource's ETag, such as \"3\"");
    }

    /** No acting user. */
    @ExceptionHandler(Http.UnauthenticatedException.class)
    public ResponseEntity<ProblemDetail> unauthenticated() {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "the request names no ResellerKit user");
    }

    /** Anything else: logged here in full, answered with nothing but a fixed text. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletResponse response) {
        abortIfStreaming(e, response);
        LOG.error("unexpected failure in the ResellerKit HTTP API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred");
    }

    /**
     * An export that fails after its first lines went out (the 200 is committed) must not end with
     * a problem appended as if it were one more line: the failure goes on to the container, which
     * breaks the connection, so the client sees a truncated response, not a complete one.
     */
    private static void abortIfStreaming(Exception e, HttpServletResponse response) {
        if (response.isCommitted()) {
            LOG.debug("failure after the response was committed; aborting it", e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        if (e.kind() == ConflictException.Kind.IDEMPOTENCY_KEY_REUSED) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused", e.getMessage());
        }
        if (e.kind() == ConflictException.Kind.STALE_VERSION && request.getHeader(HttpHeaders.IF_MATCH) != null) {
            return problem(HttpStatus.PRECONDITION_FAILED, "precondition_failed", e.getMessage());
        }
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
        response.getBody().setProperty("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        return response;
    }

    private static ResponseEntity<ProblemDetail> quota(QuotaExceededException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "quota_exceeded", e.getMessage());
        response.getBody().setProperty("quota", e.quota());
        response.getBody().setProperty("limit", e.limit());
        response.getBody().setProperty("usage", e.usage());
        return response;
    }

    private static ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "validation_failed", "invalid input: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        // Maps, not records: the host's JSON settings (a naming strategy) cannot rename these keys.
        response.getBody().setProperty("violations", violations.stream().map(v -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", v.field());
            m.put("rule", v.rule());
            m.put("message", v.message());
            return m;
        }).toList());
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }

    /** A body that is not JSON, or not this request's JSON, or too large. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiFilter.BodyTooLargeException) {
                return cast(problem(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "the request body is too large"));
            }
            if (t instanceof UnrecognizedPropertyException u) {
                return cast(invalid(List.of(new Violation(path(u), "UnknownField", "is not a field of this request"))));
            }
            if (t instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
                return cast(invalid(List.of(new Violation(path(m), "Type", "has the wrong JSON type or format"))));
            }
            if (t instanceof StreamReadException) {
                break;
            }
        }
        return cast(problem(HttpStatus.BAD_REQUEST, "malformed_body", "the request body is not well-formed JSON of this request"));
    }

    /** A query parameter or path variable that does not convert, such as {@code ?limit=ten}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return cast(invalid(List.of(new Violation(field, "Type", "has the wrong type"))));
    }

    /** Spring MVC's own problems (405, 415, a missing parameter...): its fixed texts, with a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            problem.setProperty("code", status.is4xxClientError() ? "bad_request" : "internal_error");
        }
        return response;
    }

    /** The JSON path of a field, such as {@code metadata.region}. */
    private static String path(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
