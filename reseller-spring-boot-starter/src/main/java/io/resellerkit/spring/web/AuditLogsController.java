package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.TimeRange;
import io.resellerkit.spring.web.ApiModels.AuditLogJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/audit-logs}: the audit trail, newest first, filtered, paged, or exported whole as
 * JSON lines. The vendor reads all of it; a reseller admin its own reseller's events.
 */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/audit-logs")
public class AuditLogsController {
    /** The media type of the export: one JSON object per line. */
    public static final String JSON_LINES = "application/x-ndjson";
    /** The media type of the CSV export. */
    public static final String CSV = "text/csv;charset=UTF-8";
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public AuditLogsController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /**
     * A page of audit entries, newest first ({@code sort=-createdAt}, the default) or oldest first
     * ({@code sort=createdAt}). Each filter is optional; a repeated parameter matches any of its
     * values; {@code actorEmail} ignores case; {@code search} finds text in the actor's name and
     * email, the resource id and the reason; {@code createdAfter} is inclusive and
     * {@code createdBefore} exclusive.
     */
    @GetMapping
    public ResponseEntity<PageJson<AuditLogJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) List<String> actorId,
            @RequestParam(required = false) List<String> action, @RequestParam(required = false) String resource,
            @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) List<String> actorEmail, @RequestParam(required = false) List<String> requestId,
            @RequestParam(required = false) String search, @RequestParam(required = false) String sort,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore) {
        AuditQuery query = query(resellerId, actorId, action, resource, resourceId, actorEmail, requestId, search, sort,
                createdAfter, createdBefore);
        return Http.page(request, kit.audit().query(context, query, Http.page(limit, cursor)), AuditLogJson::of);
    }

    /**
     * Every audit entry matching the filters and order of the list, streamed as JSON lines
     * ({@value #JSON_LINES}): one entry, shaped as in the list, per line; or, with
     * {@code format=csv}, as CSV with a header row (cells that a spreadsheet would run as a formula
     * start with {@code '}).
     */
    @GetMapping("/export")
    public void export(@Parameter(hidden = true) RequestContext context, HttpServletResponse response,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) List<String> actorId,
            @RequestParam(required = false) List<String> action, @RequestParam(required = false) String resource,
            @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) List<String> actorEmail, @RequestParam(required = false) List<String> requestId,
            @RequestParam(required = false) String search, @RequestParam(required = false) String sort,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore)
            throws IOException {
        if (format != null && !format.equals("jsonl") && !format.equals("csv")) {
            throw ValidationException.of("format", "OneOf", "must be jsonl or csv");
        }
        AuditQuery query = query(resellerId, actorId, action, resource, resourceId, actorEmail, requestId, search, sort,
                createdAfter, createdBefore);
        // Nothing is written before the first event: a refusal before it (access denied, a bad filter)
        // is still answered as a problem, whose type replaces this one.
        if ("csv".equals(format)) {
            response.setContentType(CSV);
            Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
            kit.audit().exportCsv(context, query, out);
            out.flush();
            return;
        }
        response.setContentType(JSON_LINES);
        OutputStream out = response.getOutputStream();
        kit.audit().export(context, query, event -> {
            try {
                out.write(ApiJson.MAPPER.writeValueAsBytes(AuditLogJson.of(event)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /** {@code createdAt}: oldest first; {@code -createdAt} or nothing: newest first. */
    private static AuditQuery.Order order(String sort) {
        if (sort == null || sort.equals("-createdAt")) {
            return AuditQuery.Order.NEWEST_FIRST;
        }
        if (sort.equals("createdAt")) {
            return AuditQuery.Order.OLDEST_FIRST;
        }
        throw ValidationException.of("sort", "OneOf", "must be createdAt or -createdAt");
    }

    private static AuditQuery query(List<String> resellerId, List<String> actorId, List<String> action,
                                    String resource, String resourceId, List<String> actorEmail, List<String> requestId,
                                    String search, String sort, Instant createdAfter, Instant createdBefore) {
        return AuditQuery.all()
                .withResellerIds(Http.ids("resellerId", resellerId, ResellerId::of))
                .withActorIds(Http.ids("actorId", actorId, UserId::of))
                .withActorEmails(actorEmail == null ? null : Set.copyOf(actorEmail))
                .withRequestIds(requestId == null ? null : Set.copyOf(requestId))
                .withText(search)
                .withOrder(order(sort))
                .withActions(action == null ? null
                        : action.stream().map(a -> Http.action("action", a)).collect(Collectors.toSet()))
                .withResource(resource, resourceId)
                .withOccurredAt(createdAfter == null && createdBefore == null ? null
                        : new TimeRange(createdAfter, createdBefore));
    }
}
