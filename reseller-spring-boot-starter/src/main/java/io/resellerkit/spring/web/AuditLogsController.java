package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
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
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public AuditLogsController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /**
     * A page of audit entries, newest first. Each filter is optional; a repeated parameter matches
     * any of its values; {@code createdAfter} is inclusive and {@code createdBefore} exclusive.
     */
    @GetMapping
    public ResponseEntity<PageJson<AuditLogJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) List<String> actorId,
            @RequestParam(required = false) List<String> action, @RequestParam(required = false) String resource,
            @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore) {
        AuditQuery query = query(resellerId, actorId, action, resource, resourceId, createdAfter, createdBefore);
        return Http.page(request, kit.audit().query(context, query, Http.page(limit, cursor)), AuditLogJson::of);
    }

    /**
     * Every audit entry matching the filters (those of the list), newest first, streamed as JSON
     * lines ({@value #JSON_LINES}): one entry, shaped as in the list, per line.
     */
    @GetMapping("/export")
    public void export(@Parameter(hidden = true) RequestContext context, HttpServletResponse response,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) List<String> actorId,
            @RequestParam(required = false) List<String> action, @RequestParam(required = false) String resource,
            @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore)
            throws IOException {
        AuditQuery query = query(resellerId, actorId, action, resource, resourceId, createdAfter, createdBefore);
        // Nothing is written before the first event: a refusal before it (access denied, a bad filter)
        // is still answered as a problem, whose type replaces this one.
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

    private static AuditQuery query(List<String> resellerId, List<String> actorId, List<String> action,
                                    String resource, String resourceId, Instant createdAfter, Instant createdBefore) {
        return AuditQuery.all()
                .withResellerIds(Http.ids("resellerId", resellerId, ResellerId::of))
                .withActorIds(Http.ids("actorId", actorId, UserId::of))
                .withActions(action == null ? null
                        : action.stream().map(a -> Http.action("action", a)).collect(Collectors.toSet()))
                .withResource(resource, resourceId)
                .withOccurredAt(createdAfter == null && createdBefore == null ? null
                        : new TimeRange(createdAfter, createdBefore));
    }
}
