package io.resellerkit.jdbc;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.Keyset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail in {@code <prefix>audit_events}, newest or oldest first, each event with its
 * chain link; each chain's head in {@code <prefix>audit_chains}, whose row the appending unit
 * locks ({@code SELECT ... FOR UPDATE}, after creating it for a new chain) and moves in the same
 * transaction, so appends to a chain take turns across threads and JVMs, at read committed as at
 * serializable (a loser there is refused with 40001 and runs again). Changed fields are
 * stored as a JSON array. Each filter but the text has an index ending in
 * {@code (occurred_at DESC, id DESC)}, read forwards or backwards, so a page reads only the rows
 * it returns; the text filter ({@code LIKE} on {@code search_lc}) scans what the others leave.
 */
final class JdbcAuditTrail implements AuditTrail {
    private static final String COLUMNS = "id, occurred_at, actor_id, actor_role, actor_reseller_id, action,"
            + " resource_type, resource_id, reseller_id, changes, request_id, reason, actor_name, actor_email,"
            + " client_ip, user_agent, access_grant_id";
    /** Written, never read back: they only serve the filters. */
    private static final String FILTER_COLUMNS = "actor_email_lc, search_lc";
    private static final String LINK_COLUMNS = "chain_id, chain_seq, prev_hash, hash, hash_version, seals";
    /** The most ids {@link #links} reads in one statement. */
    private static final int MAX_LINKS = 1000;

    private final Db db;
    private final String insertSql;
    /** {@link #insertSql} up to its VALUES, and one row's placeholders: for the multi-row inserts of {@link #appendAll}. */
    private final String insertHead;
    private final String insertRow;
    private final String selectSql;
    private final String chainSql;
    private final String lockHeadSql;
    private final String readHeadSql;
    private final String createHeadSql;
    private final String moveHeadSql;
    private final String chainsSql;
    private final String checkpointSql;
    private final String purgeSql;
    private final String moveCheckpointSql;
    private final String linksSql;
    private final String rewriteSql;

    JdbcAuditTrail(Db db) {
        this.db = db;
        String t = db.table("audit_events");
        String heads = db.table("audit_chains");
        this.insertHead = "INSERT INTO " + t + " (" + COLUMNS + ", " + FILTER_COLUMNS + ", " + LINK_COLUMNS
                + ") VALUES ";
        this.insertRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, " + db.dialect.jsonParameter()
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertSql = insertHead + insertRow + db.dialect.insertUnlessTaken();
        this.selectSql = "SELECT " + COLUMNS + " FROM " + t;
        this.chainSql = "SELECT " + COLUMNS + ", " + LINK_COLUMNS + " FROM " + t
                + " WHERE chain_id = ? AND chain_seq > ? ORDER BY chain_seq LIMIT ?";
        this.readHeadSql = "SELECT last_seq, last_hash FROM " + heads + " WHERE chain_id = ?";
        this.lockHeadSql = readHeadSql + " FOR UPDATE";
        this.createHeadSql = "INSERT INTO " + heads + " (chain_id, last_seq, last_hash) VALUES (?, 0, ?)"
                + db.dialect.insertUnlessTaken();
        this.moveHeadSql = "UPDATE " + heads + " SET last_seq = ?, last_hash = ? WHERE chain_id = ? AND last_seq = ?";
        this.chainsSql = "SELECT chain_id FROM " + heads + " ORDER BY chain_id";
        this.checkpointSql = "SELECT checkpoint_seq, checkpoint_hash, checkpoint_at, checkpoint_by, last_seq FROM " + heads
                + " WHERE chain_id = ?";
        this.purgeSql = "DELETE FROM " + t + " WHERE chain_id = ? AND chain_seq > ? AND chain_seq <= ?";
        this.moveCheckpointSql = "UPDATE " + heads + " SET checkpoint_seq = ?, checkpoint_hash = ?, checkpoint_at = ?,"
                + " checkpoint_by = ? WHERE chain_id = ? AND checkpoint_seq = ?";
        this.linksSql = "SELECT id, " + LINK_COLUMNS + " FROM " + t + " WHERE chain_id IS NOT NULL AND id IN ";
        this.rewriteSql = "UPDATE " + t + " SET actor_name = ?, actor_email = ?, changes = " + db.dialect.jsonParameter()
                + ", actor_email_lc = ?, search_lc = ?, seals = ? WHERE id = ?";
    }

    @Override
    public ChainHead lockChain(String chain) {
        return db.tx.inWrite("lock an audit chain", null, c -> {
            Optional<ChainHead> head = head(c, lockHeadSql, chain);
            if (head.isPresent()) {
                return head.get();
            }
            try (PreparedStatement ps = db.prepare(c, createHeadSql)) {
                ps.setString(1, chain);
                ps.setString(2, ChainLink.GENESIS);
                SqlErrors.insertUnlessTaken(ps); // or a concurrent first append created it
            }
            return head(c, lockHeadSql, chain).orElseThrow(() -> new IllegalStateException("chain head vanished"));
        });
    }

    @Override
    public Optional<ChainHead> chainHead(String chain) {
        return db.tx.inRead("read an audit chain's head", c -> head(c, readHeadSql, chain));
    }

    private Optional<ChainHead> head(Connection c, String sql, String chain) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            ps.setString(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ChainHead(chain, rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    @Override
    public List<ChainedEvent> chain(String chain, long afterSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.tx.inRead("read an audit chain", c -> {
            try (PreparedStatement ps = db.prepare(c, chainSql)) {
                ps.setString(1, chain);
                ps.setLong(2, afterSeq);
                ps.setInt(3, limit);
                List<ChainedEvent> page = new ArrayList<>(Math.min(limit, 128));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(new ChainedEvent(map(rs), link(rs)));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public void append(AuditEvent e, ChainLink link) {
        int rows = db.tx.inWrite("append audit event", "audit event id is taken", c -> {
            try (PreparedStatement ps = db.prepare(c, moveHeadSql)) {
                ps.setLong(1, link.seq());
                ps.setString(2, link.hash());
                ps.setString(3, link.chain());
                ps.setLong(4, link.seq() - 1);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("audit chain " + link.chain() + " is not at " + (link.seq() - 1)
                            + ": it was not locked");
                }
            }
            try (PreparedStatement ps = db.prepare(c, insertSql)) {
                bindEvent(ps, 0, e, link);
                return ps.executeUpdate();
            }
        });
        if (rows != 1) {
            throw new ConflictException(ConflictException.Kind.DUPLICATE, "audit event id is taken");
        }
    }

    /**
     * One move of the head, from before the first link to the last, and the events
     * {@link Db#MULTI_ROW} rows per statement ({@code INSERT ... VALUES (...), (...)}: one statement
     * for the server to plan and run, where a JDBC batch is one per row), inside the unit that
     * locked the chain.
     */
    @Override
    public void appendAll(List<AuditEvent> events, List<ChainLink> links) {
        if (events.isEmpty()) {
            return;
        }
        ChainLink first = links.get(0);
        ChainLink last = links.get(links.size() - 1);
        db.tx.inWrite("append audit events", "audit event id is taken", c -> {
            try (PreparedStatement ps = db.prepare(c, moveHeadSql)) {
                ps.setLong(1, last.seq());
                ps.setString(2, last.hash());
                ps.setString(3, last.chain());
                ps.setLong(4, first.seq() - 1);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("audit chain " + first.chain() + " is not at " + (first.seq() - 1)
                            + ": it was not locked");
                }
            }
            for (int from = 0; from < events.size(); from += Db.MULTI_ROW) {
                int rows = Math.min(Db.MULTI_ROW, events.size() - from);
                try (PreparedStatement ps = db.prepare(c, db.multiRowInsert(insertHead, insertRow, rows))) {
                    for (int i = 0; i < rows; i++) {
                        bindEvent(ps, i * EVENT_PARAMETERS, events.get(from + i), links.get(from + i));
                    }
                    if (ps.executeUpdate() != rows) {
                        throw new ConflictException(ConflictException.Kind.DUPLICATE, "audit event id is taken");
                    }
                }
            }
            return null;
        });
    }

    /** The parameters of one event's row in the insert. */
    private static final int EVENT_PARAMETERS = 25;

    /** Binds an event and its link to the insert, as the row whose first parameter is {@code base + 1}. */
    private static void bindEvent(PreparedStatement ps, int base, AuditEvent e, ChainLink link) throws SQLException {
        Binds.bind(ps, base + 1, Binds.Type.TEXT, e.id().value());
        Binds.bind(ps, base + 2, Binds.Type.TIME, e.occurredAt());
        Binds.bind(ps, base + 3, Binds.Type.TEXT, e.actorId().value());
        Binds.bind(ps, base + 4, Binds.Type.TEXT, e.actorRole() == null ? null : e.actorRole().code());
        Binds.bind(ps, base + 5, Binds.Type.TEXT, e.actorResellerId() == null ? null : e.actorResellerId().value());
        Binds.bind(ps, base + 6, Binds.Type.TEXT, e.action().code());
        Binds.bind(ps, base + 7, Binds.Type.TEXT, e.resourceType());
        Binds.bind(ps, base + 8, Binds.Type.TEXT, e.resourceId());
        Binds.bind(ps, base + 9, Binds.Type.TEXT, e.resellerId() == null ? null : e.resellerId().value());
        Binds.bind(ps, base + 10, Binds.Type.JSON, Json.ofChanges(e.changes()));
        Binds.bind(ps, base + 11, Binds.Type.TEXT, e.requestId());
        Binds.bind(ps, base + 12, Binds.Type.TEXT, e.reason());
        Binds.bind(ps, base + 13, Binds.Type.TEXT, e.actorName());
        Binds.bind(ps, base + 14, Binds.Type.TEXT, e.actorEmail());
        Binds.bind(ps, base + 15, Binds.Type.TEXT, e.clientIp());
        Binds.bind(ps, base + 16, Binds.Type.TEXT, e.userAgent());
        Binds.bind(ps, base + 17, Binds.Type.TEXT, e.accessGrantId());
        Binds.bind(ps, base + 18, Binds.Type.TEXT, e.actorEmail() == null ? null
                : e.actorEmail().toLowerCase(Locale.ROOT));
        Binds.bind(ps, base + 19, Binds.Type.TEXT, AuditQuery.searchText(e));
        Binds.bind(ps, base + 20, Binds.Type.TEXT, link.chain());
        ps.setLong(base + 21, link.seq());
        Binds.bind(ps, base + 22, Binds.Type.TEXT, link.prevHash());
        Binds.bind(ps, base + 23, Binds.Type.TEXT, link.hash());
        ps.setInt(base + 24, link.version());
        Binds.bind(ps, base + 25, Binds.Type.TEXT, seals(link.seals()));
    }

    @Override
    public List<String> chains() {
        return db.tx.inRead("list audit chains", c -> {
            try (PreparedStatement ps = db.prepare(c, chainsSql); ResultSet rs = ps.executeQuery()) {
                List<String> chains = new ArrayList<>();
                while (rs.next()) {
                    chains.add(rs.getString(1));
                }
                return chains;
            }
        });
    }

    @Override
    public ChainCheckpoint checkpoint(String chain) {
        return db.tx.inRead("read an audit chain's checkpoint", c -> checkpoint(c, chain).checkpoint());
    }

    /** The chain's checkpoint and head sequence, read in one statement. */
    private Positions checkpoint(Connection c, String chain) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, checkpointSql)) {
            ps.setString(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Positions(ChainCheckpoint.genesis(chain), 0);
                }
                ChainCheckpoint checkpoint = rs.getLong(1) == 0 ? ChainCheckpoint.genesis(chain)
                        : new ChainCheckpoint(chain, rs.getLong(1), rs.getString(2), Binds.instant(rs, "checkpoint_at"),
                                rs.getString(4));
                return new Positions(checkpoint, rs.getLong(5));
            }
        }
    }

    private record Positions(ChainCheckpoint checkpoint, long headSeq) {
    }

    @Override
    public long purge(ChainCheckpoint to) {
        return db.tx.inWrite("purge an audit chain", null, c -> {
            Positions now = checkpoint(c, to.chain());
            long from = now.checkpoint().seq();
            if (to.seq() < from || to.seq() > now.headSeq()) {
                throw new IllegalStateException("chain " + to.chain() + " cannot be purged through " + to.seq()
                        + ": its checkpoint is at " + from + " and its head at " + now.headSeq());
            }
            long deleted;
            try (PreparedStatement ps = db.prepare(c, purgeSql)) {
                ps.setString(1, to.chain());
                ps.setLong(2, from);
                ps.setLong(3, to.seq());
                deleted = ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepare(c, moveCheckpointSql)) {
                ps.setLong(1, to.seq());
                Binds.bind(ps, 2, Binds.Type.TEXT, to.hash());
                Binds.bind(ps, 3, Binds.Type.TIME, to.purgedAt());
                Binds.bind(ps, 4, Binds.Type.TEXT, to.purgedBy());
                Binds.bind(ps, 5, Binds.Type.TEXT, to.chain());
                ps.setLong(6, from);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("audit chain " + to.chain() + " has no head, or its checkpoint moved");
                }
            }
            return deleted;
        });
    }

    @Override
    public Map<AuditEventId, ChainLink> links(Collection<AuditEventId> events) {
        if (events.isEmpty()) {
            return Map.of();
        }
        if (events.size() > MAX_LINKS) {
            throw new IllegalArgumentException("at most " + MAX_LINKS + " links are read at once, not " + events.size());
        }
        String sql = linksSql + "(" + String.join(", ", java.util.Collections.nCopies(events.size(), "?")) + ")";
        return db.tx.inRead("read audit links", c -> {
            try (PreparedStatement ps = db.prepare(c, sql)) {
                int i = 1;
                for (AuditEventId id : events) {
                    Binds.bind(ps, i++, Binds.Type.TEXT, id.value());
                }
                Map<AuditEventId, ChainLink> links = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        links.put(AuditEventId.of(rs.getString("id")), link(rs));
                    }
                }
                return links;
            }
        });
    }

    @Override
    public void rewrite(AuditEvent e, Map<String, String> seals) {
        db.tx.inWrite("erase personal data from an audit event", null, c -> {
            try (PreparedStatement ps = db.prepare(c, rewriteSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, e.actorName());
                Binds.bind(ps, 2, Binds.Type.TEXT, e.actorEmail());
                Binds.bind(ps, 3, Binds.Type.JSON, Json.ofChanges(e.changes()));
                Binds.bind(ps, 4, Binds.Type.TEXT, e.actorEmail() == null ? null : e.actorEmail().toLowerCase(Locale.ROOT));
                Binds.bind(ps, 5, Binds.Type.TEXT, AuditQuery.searchText(e));
                Binds.bind(ps, 6, Binds.Type.TEXT, seals(seals));
                Binds.bind(ps, 7, Binds.Type.TEXT, e.id().value());
                return ps.executeUpdate();
            }
        });
    }

    /** Seals as stored: a JSON object, null if there are none. */
    private static String seals(Map<String, String> seals) {
        return seals == null || seals.isEmpty() ? null : Json.ofMetadata(seals);
    }

    private static ChainLink link(ResultSet rs) throws SQLException {
        String seals = rs.getString("seals");
        int version = rs.getInt("hash_version");
        return new ChainLink(rs.getString("chain_id"), rs.getLong("chain_seq"), rs.getString("prev_hash"),
                rs.getString("hash"), rs.wasNull() ? 1 : version, seals == null ? Map.of() : Json.metadata(seals));
    }

    @Override
    public List<AuditEvent> find(AuditQuery query, Keyset after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        boolean ascending = query.oldestFirst();
        Where where = ascending ? where(query).after("occurred_at", "id", after)
                : where(query).afterDescending("occurred_at", "id", after);
        String sql = selectSql + where.sql() + (ascending ? " ORDER BY occurred_at, id" : " ORDER BY occurred_at DESC, id DESC")
                + " LIMIT ?";
        return db.tx.inRead("list audit events", c -> {
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setInt(where.bind(ps), limit);
                List<AuditEvent> page = new ArrayList<>(Math.min(limit, 128));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(map(rs));
                    }
                }
                return page;
            }
        });
    }

    private static Where where(AuditQuery q) {
        return new Where()
                .in("reseller_id", q.resellerIds(), ResellerId::value)
                .in("actor_id", q.actorIds(), UserId::value)
                .in("actor_email_lc", q.normalizedActorEmails(), email -> email)
                .in("action", q.actions(), AuditAction::code)
                .equalTo("resource_type", q.resourceType())
                .equalTo("resource_id", q.resourceId())
                .in("request_id", q.requestIds(), id -> id)
                .text("search_lc", q.text() == null ? null : TextMatch.contains(q.text()))
                .time("occurred_at", q.occurredAt());
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        String role = rs.getString("actor_role");
        String actorReseller = rs.getString("actor_reseller_id");
        String reseller = rs.getString("reseller_id");
        Role actorRole = role == null ? null : JdbcUserStore.role(role);
        return new AuditEvent(AuditEventId.of(rs.getString("id")), Binds.instant(rs, "occurred_at"),
                UserId.of(rs.getString("actor_id")), actorRole,
                actorReseller == null ? null : ResellerId.of(actorReseller), rs.getString("actor_name"),
                rs.getString("actor_email"), action(rs.getString("action")),
                rs.getString("resource_type"), rs.getString("resource_id"),
                reseller == null ? null : ResellerId.of(reseller), Json.changes(rs.getString("changes")),
                rs.getString("request_id"), rs.getString("client_ip"), rs.getString("user_agent"),
                rs.getString("reason"), rs.getString("access_grant_id"));
    }

    private static AuditAction action(String code) {
        return AuditAction.fromCode(code).orElseThrow(() -> new StorageException("unknown audit action in storage", null));
    }
}
