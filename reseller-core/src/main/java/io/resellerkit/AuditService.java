package io.resellerkit;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.AuditQuery;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Reads the audit trail. The vendor reads all of it; a reseller admin reads the events that
 * concern its own reseller. Events come in the query's order: newest first unless it asks for
 * {@link AuditQuery#withOldestFirst() oldest first}.
 */
public interface AuditService {
    /**
     * A page of events matching the query, in its order. A cursor from a page read in one order
     * is refused (as invalid) in the other.
     */
    Page<AuditEvent> query(RequestContext context, AuditQuery query, PageRequest page);

    /**
     * Hands every event matching the query to {@code sink}, in its order, page by page: each
     * page is read (and the actor's rights checked again) in a unit of its own, and the sink
     * runs outside any unit, so a slow sink holds no lock or transaction and memory stays
     * bounded. Newest first, events added during the export are newer than its start and are not
     * visited; oldest first, those that match are visited too, as the export reaches them.
     */
    void export(RequestContext context, AuditQuery query, Consumer<AuditEvent> sink);

    /**
     * Writes every event matching the query to {@code out} as CSV (RFC 4180: comma-separated,
     * CRLF line ends, a cell quoted when it holds a comma, a quote or a line break), a header row
     * first, read page by page as {@link #export} does. The columns are {@code id, occurredAt,
     * actorId, actorName, actorEmail, actorRole, actorResellerId, action, resourceType, resourceId,
     * resellerId, changes, requestId, clientIp, userAgent, reason}; an absent value is an empty
     * cell, an empty text a quoted empty cell; {@code changes} is a JSON array of
     * {@code {"field", "old", "new"}}. A cell that a spreadsheet would run as a formula (one
     * starting with {@code = + - @}, a tab or a carriage return) is written with a leading
     * {@code '}. Nothing is written if the first page is refused. {@code out} is neither flushed nor
     * closed.
     *
     * @throws UncheckedIOException if writing fails
     */
    void exportCsv(RequestContext context, AuditQuery query, Writer out);

    /**
     * Checks the hash chains of one owner's events (a reseller's, or with {@code resellerId} null
     * the vendor's: events that concern no reseller): each event's hash against its content and
     * the hash of the event before it, sequence numbers without gaps, and the chain's head against
     * its last event. Changes and refused attempts have a chain each. Read page by page, each page
     * in a read unit of its own with the actor's rights checked again, so it works on trails of
     * any size; events appended while it runs are left for the next check. Events stored before
     * the adapter kept chains (JDBC schema version 6) are in no chain and not checked. The vendor
     * verifies any chain; a reseller admin its own reseller's.
     *
     * @return the events checked, each chain's head (to keep elsewhere), and the first broken
     *         link, if any
     */
    AuditVerification verify(RequestContext context, ResellerId resellerId);
}
