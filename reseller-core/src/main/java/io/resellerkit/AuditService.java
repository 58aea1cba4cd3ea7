package io.resellerkit;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
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
     * resellerId, changes, requestId, clientIp, userAgent, reason, chain, seq, prevHash, hash,
     * hashVersion, seals}; the last six are the event's link in its hash chain (empty for an event
     * in no chain), {@code seals} a JSON object, so that an export can be verified offline
     * ({@link AuditVerification#check}); an absent value is an empty
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
     * As {@link #export}, each event handed over with its link in its hash chain (null for an
     * event in no chain), so that the export can be verified offline ({@link AuditVerification#check}).
     */
    void exportChained(RequestContext context, AuditQuery query, Consumer<ChainedEvent> sink);

    /**
     * Retention: deletes every audit event that occurred before {@code olderThan}, chain by chain,
     * oldest first, at most {@code batchSize} events per unit of work. A chain is purged from its
     * start up to its first event that is not older (a later event stamped earlier is kept, so that
     * what stays is always a chain's tail), and never past its head. Each batch locks its chain's
     * head (as appends do, so it waits for them and they for it, briefly), checks the links it is
     * about to delete, deletes them and moves the chain's checkpoint to the newest of them, with
     * when and by whom; {@link #verify} then starts at the checkpoint. A batch whose links do not
     * verify is not deleted: the purge stops with a {@code conflict} naming the break, so that
     * retention never destroys the evidence of tampering. The run ends with one
     * {@code audit.purged} event in the vendor's chain (the cutoff, the events and chains purged).
     * The vendor's {@code admin} only. Safe to run again, and while other units append or purge.
     *
     * @param olderThan  events that occurred before this are deleted
     * @param batchSize  events per unit of work, 1 to {@value #MAX_PURGE_BATCH}
     * @return how many events were deleted
     */
    long purge(RequestContext context, Instant olderThan, int batchSize);

    /** The largest batch of a {@link #purge}. */
    int MAX_PURGE_BATCH = 10_000;

    /**
     * Erasure of a person on request: replaces their name and email in every past audit event with
     * one pseudonym ({@code erased:<id>}): as the actor, as the user an event is about (first and
     * last name, email), and wherever a change carries their email. The chains still verify,
     * because a link's hash covers personal values only through salted digests, and erasure
     * replaces each salt with its digest (see SECURITY.md). Refused with a {@code conflict} while a
     * user with that id or email exists: delete the user first. Reads the whole trail, a page per
     * unit of work, and ends with one {@code audit.erased} event in the vendor's chain that holds the
     * user id, the pseudonym and the count, never the erased values. The vendor's {@code admin} only.
     *
     * @param userId the person's user id, or null
     * @param email  their email (compared ignoring case), or null; one of the two is required
     * @return how many events were rewritten
     */
    long erase(RequestContext context, UserId userId, String email);

    /**
     * Checks the hash chains of one owner's events (a reseller's, or with {@code resellerId} null
     * the vendor's: events that concern no reseller): each event's hash against its content and
     * the hash of the event before it, sequence numbers without gaps, and the chain's head against
     * its last event. Changes and refused attempts have a chain each. Read page by page, each page
     * in a read unit of its own with the actor's rights checked again, so it works on trails of
     * any size; events appended while it runs are left for the next check. A chain purged by
     * {@link #purge} is checked from its checkpoint on. Events stored before
     * the adapter kept chains (JDBC schema version 6) are in no chain and not checked. The vendor
     * verifies any chain; a reseller admin its own reseller's.
     *
     * @return the events checked, each chain's head (to keep elsewhere), and the first broken
     *         link, if any
     */
    AuditVerification verify(RequestContext context, ResellerId resellerId);
}
