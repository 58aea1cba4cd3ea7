package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.TimeRange;
import io.resellerkit.spring.web.ApiModels.AuditLogJson;
import io.resellerkit.spring.web.ApiModels.ChainedAuditLogJson;
import io.resellerkit.spring.web.ApiModels.VerificationJson;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    private static final int DEFAULT_PURGE_BATCH = 1000;
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
     * ({@value #JSON_LINES}): one entry per line, shaped as in the list plus its link in its hash
     * chain ({@code chain, seq, prevHash, hash, hashVersion, seals}), so that an auditor can verify
     * the export offline; or, with {@code format=csv}, as CSV with a header row and the same link
     * columns (cells that a spreadsheet would run as a formula start with {@code '}).
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
        kit.audit().exportChained(context, query, chained -> {
            try {
                out.write(ApiJson.MAPPER.writeValueAsBytes(ChainedAuditLogJson.of(chained)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /**
     * Checks the hash chains of a reseller's audit trail ({@code resellerId}), or without it the
     * vendor's: each event against its hash, the links between them and the chains' heads. Keep the
     * heads it answers with somewhere the database's admins cannot write. The vendor verifies any
     * trail, a reseller admin its own reseller's.
     */
    @GetMapping("/verification")
    public VerificationJson verify(@Parameter(hidden = true) RequestContext context,
                                   @RequestParam(required = false) String resellerId) {
        return VerificationJson.of(kit.audit().verify(context,
                resellerId == null ? null : Http.id("resellerId", resellerId, ResellerId::of)));
    }

    /**
     * Retention: deletes every audit event older than {@code olderThan}, in batches of
     * {@code batchSize} (1,000 unless given), moving each chain's checkpoint so that the chains still
     * verify. Recorded as one {@code audit.purged} event. The vendor's admins only.
     */
    @PostMapping("/purge")
    public PurgedJson purge(@Parameter(hidden = true) RequestContext context, @RequestBody PurgeJson body) {
        if (body.olderThan() == null) {
            throw ValidationException.of("olderThan", "NotNull", "must not be null");
        }
        return new PurgedJson(kit.audit().purge(context, body.olderThan(),
                body.batchSize() == null ? DEFAULT_PURGE_BATCH : body.batchSize()));
    }

    /**
     * Erasure of a person on request: their name and email in every past audit event replaced by a
     * pseudonym, the chains still verifiable. Give the user id, the email, or both; the user must
     * be deleted first. Recorded as one {@code audit.erased} event. The vendor's admins only.
     */
    @PostMapping("/erasures")
    public ErasedJson erase(@Parameter(hidden = true) RequestContext context, @RequestBody ErasureJson body) {
        return new ErasedJson(kit.audit().erase(context,
                body.userId() == null ? null : Http.id("userId", body.userId(), UserId::of), body.email()));
    }

    /** The body of a purge: events before {@code olderThan} go; {@code batchSize} events per transaction. */
    public record PurgeJson(Instant olderThan, Integer batchSize) {
    }

    /** What a purge deleted. */
    public record PurgedJson(long eventsPurged) {
    }

    /** The body of an erasure: the person's user id, email, or both. */
    public record ErasureJson(String userId, String email) {
    }

    /** How many events an erasure rewrote. */
    public record ErasedJson(long eventsErased) {
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
