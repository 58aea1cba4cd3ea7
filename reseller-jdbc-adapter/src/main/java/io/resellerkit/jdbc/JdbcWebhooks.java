package io.resellerkit.jdbc;

import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.WebhookStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook endpoints and deliveries in {@code <prefix>webhook_endpoints} and
 * {@code <prefix>webhook_deliveries}. A claim is a conditional {@code UPDATE} per due row
 * (unclaimed, or its claim expired): two senders racing for one row both update it, the second
 * waits for the first's row lock and then finds the condition false (at serializable one is refused
 * with 40001 and its unit runs again). A settlement is conditional on the claim being the caller's.
 */
final class JdbcWebhooks implements WebhookStore {
    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_id, event_type, reseller_id, payload, state,"
            + " attempts, next_attempt_at, claimed_by, claim_expires_at, created_at, last_attempt_at, last_status, last_error";
    private static final String ENDPOINT_COLUMNS = "id, url, secret, event_types, reseller_id, created_at";
    /** A due row nobody holds: the condition of a claim, checked again by the UPDATE itself. */
    private static final String CLAIMABLE = "state = 'pending' AND next_attempt_at <= ?"
            + " AND (claim_expires_at IS NULL OR claim_expires_at <= ?)";

    private final Db db;
    private final String deliveriesTable;
    private final String insertEndpointSql;
    private final String findEndpointSql;
    private final String endpointsSql;
    private final String deleteEndpointSql;
    private final String enqueueSql;
    private final String dueSql;
    private final String claimSql;
    private final String settleSql;
    private final String requeueSql;
    private final String findDeliverySql;

    JdbcWebhooks(Db db) {
        this.db = db;
        String e = db.table("webhook_endpoints");
        String d = db.table("webhook_deliveries");
        this.deliveriesTable = d;
        this.insertEndpointSql = "INSERT INTO " + e + " (" + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
        this.findEndpointSql = "SELECT " + ENDPOINT_COLUMNS + " FROM " + e + " WHERE id = ?";
        this.endpointsSql = "SELECT " + ENDPOINT_COLUMNS + " FROM " + e + " ORDER BY id";
        this.deleteEndpointSql = "DELETE FROM " + e + " WHERE id = ?";
        this.enqueueSql = "INSERT INTO " + d + " (" + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + db.dialect.insertUnlessTaken();
        this.dueSql = "SELECT " + DELIVERY_COLUMNS + " FROM " + d + " WHERE " + CLAIMABLE
                + " ORDER BY next_attempt_at, id LIMIT ?";
        this.claimSql = "UPDATE " + d + " SET claimed_by = ?, claim_expires_at = ? WHERE id = ? AND " + CLAIMABLE;
        this.settleSql = "UPDATE " + d + " SET state = ?, attempts = ?, next_attempt_at = ?, claimed_by = NULL,"
                + " claim_expires_at = NULL, last_attempt_at = ?, last_status = ?, last_error = ?"
                + " WHERE id = ? AND state = 'pending' AND claimed_by = ?";
        this.requeueSql = "UPDATE " + d + " SET state = 'pending', attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
                + " claim_expires_at = NULL WHERE id = ? AND state <> 'pending'";
        this.findDeliverySql = "SELECT " + DELIVERY_COLUMNS + " FROM " + d + " WHERE id = ?";
    }

    @Override
    public void insertEndpoint(Endpoint endpoint) {
        db.tx.inWrite("store a webhook endpoint", "the webhook endpoint exists", c -> {
            try (PreparedStatement ps = db.prepare(c, insertEndpointSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, endpoint.id());
                Binds.bind(ps, 2, Binds.Type.TEXT, endpoint.url());
                Binds.bind(ps, 3, Binds.Type.TEXT, endpoint.secret());
                Binds.bind(ps, 4, Binds.Type.TEXT, String.join(" ", endpoint.eventTypes().stream().sorted().toList()));
                Binds.bind(ps, 5, Binds.Type.TEXT, endpoint.resellerId() == null ? null : endpoint.resellerId().value());
                Binds.bind(ps, 6, Binds.Type.TIME, endpoint.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Endpoint> findEndpoint(String id) {
        return db.tx.inRead("find a webhook endpoint", c -> {
            try (PreparedStatement ps = db.prepare(c, findEndpointSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(endpoint(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Endpoint> endpoints() {
        return db.tx.inRead("list webhook endpoints", c -> {
            try (PreparedStatement ps = db.prepare(c, endpointsSql); ResultSet rs = ps.executeQuery()) {
                List<Endpoint> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(endpoint(rs));
                }
                return all;
            }
        });
    }

    @Override
    public boolean deleteEndpoint(String id) {
        return db.tx.inWrite("delete a webhook endpoint", null, c -> {
            try (PreparedStatement ps = db.prepare(c, deleteEndpointSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean enqueue(StoredDelivery d) {
        return db.tx.inWrite("queue a webhook delivery", null, c -> {
            try (PreparedStatement ps = db.prepare(c, enqueueSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, d.id());
                Binds.bind(ps, 2, Binds.Type.TEXT, d.endpointId());
                Binds.bind(ps, 3, Binds.Type.TEXT, d.eventId());
                Binds.bind(ps, 4, Binds.Type.TEXT, d.eventType());
                Binds.bind(ps, 5, Binds.Type.TEXT, d.resellerId() == null ? null : d.resellerId().value());
                Binds.bind(ps, 6, Binds.Type.TEXT, d.payload());
                Binds.bind(ps, 7, Binds.Type.TEXT, d.state().code());
                Binds.bind(ps, 8, Binds.Type.INT, d.attempts());
                Binds.bind(ps, 9, Binds.Type.TIME, d.nextAttemptAt());
                Binds.bind(ps, 10, Binds.Type.TEXT, d.claimedBy());
                Binds.bind(ps, 11, Binds.Type.TIME, d.claimExpiresAt());
                Binds.bind(ps, 12, Binds.Type.TIME, d.createdAt());
                Binds.bind(ps, 13, Binds.Type.TIME, d.lastAttemptAt());
                Binds.bind(ps, 14, Binds.Type.INT, d.lastStatus());
                Binds.bind(ps, 15, Binds.Type.TEXT, d.lastError());
                return SqlErrors.insertUnlessTaken(ps); // false: the delivery exists
            }
        });
    }

    @Override
    public List<StoredDelivery> claimDue(String claimant, Instant now, Instant claimUntil, int limit) {
        return db.tx.inWrite("claim webhook deliveries", null, c -> {
            List<StoredDelivery> due = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, dueSql)) {
                Binds.bind(ps, 1, Binds.Type.TIME, now);
                Binds.bind(ps, 2, Binds.Type.TIME, now);
                Binds.bind(ps, 3, Binds.Type.INT, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(delivery(rs));
                    }
                }
            }
            List<StoredDelivery> claimed = new ArrayList<>();
            for (StoredDelivery d : due) {
                if (claim(c, d.id(), claimant, now, claimUntil)) {
                    claimed.add(new StoredDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.resellerId(),
                            d.payload(), d.state(), d.attempts(), d.nextAttemptAt(), claimant, claimUntil, d.createdAt(),
                            d.lastAttemptAt(), d.lastStatus(), d.lastError()));
                }
            }
            return claimed;
        });
    }

    private boolean claim(Connection c, String id, String claimant, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, claimSql)) {
            Binds.bind(ps, 1, Binds.Type.TEXT, claimant);
            Binds.bind(ps, 2, Binds.Type.TIME, until);
            Binds.bind(ps, 3, Binds.Type.TEXT, id);
            Binds.bind(ps, 4, Binds.Type.TIME, now);
            Binds.bind(ps, 5, Binds.Type.TIME, now);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public boolean settle(String deliveryId, String claimant, Attempt a) {
        return db.tx.inWrite("record a webhook attempt", null, c -> {
            try (PreparedStatement ps = db.prepare(c, settleSql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, a.state().code());
                Binds.bind(ps, 2, Binds.Type.INT, a.attempts());
                Binds.bind(ps, 3, Binds.Type.TIME, a.nextAttemptAt());
                Binds.bind(ps, 4, Binds.Type.TIME, a.attemptedAt());
                Binds.bind(ps, 5, Binds.Type.INT, a.status());
                Binds.bind(ps, 6, Binds.Type.TEXT, a.error());
                Binds.bind(ps, 7, Binds.Type.TEXT, deliveryId);
                Binds.bind(ps, 8, Binds.Type.TEXT, claimant);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean requeue(String deliveryId, Instant now) {
        return db.tx.inWrite("replay a webhook delivery", null, c -> {
            try (PreparedStatement ps = db.prepare(c, requeueSql)) {
                Binds.bind(ps, 1, Binds.Type.TIME, now);
                Binds.bind(ps, 2, Binds.Type.TEXT, deliveryId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<StoredDelivery> findDelivery(String deliveryId) {
        return db.tx.inRead("find a webhook delivery", c -> {
            try (PreparedStatement ps = db.prepare(c, findDeliverySql)) {
                Binds.bind(ps, 1, Binds.Type.TEXT, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredDelivery> deliveries(DeliveryFilter f, StoredDelivery after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS + " FROM " + deliveriesTable + " WHERE 1 = 1");
        List<Object[]> binds = new ArrayList<>();
        if (f.endpointId() != null) {
            sql.append(" AND endpoint_id = ?");
            binds.add(new Object[] {Binds.Type.TEXT, f.endpointId()});
        }
        if (f.state() != null) {
            sql.append(" AND state = ?");
            binds.add(new Object[] {Binds.Type.TEXT, f.state().code()});
        }
        if (f.eventId() != null) {
            sql.append(" AND event_id = ?");
            binds.add(new Object[] {Binds.Type.TEXT, f.eventId()});
        }
        if (after != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            binds.add(new Object[] {Binds.Type.TIME, after.createdAt()});
            binds.add(new Object[] {Binds.Type.TIME, after.createdAt()});
            binds.add(new Object[] {Binds.Type.TEXT, after.id()});
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        binds.add(new Object[] {Binds.Type.INT, limit});
        return db.tx.inRead("list webhook deliveries", c -> {
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                for (int i = 0; i < binds.size(); i++) {
                    Binds.bind(ps, i + 1, (Binds.Type) binds.get(i)[0], binds.get(i)[1]);
                }
                List<StoredDelivery> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(delivery(rs));
                    }
                }
                return page;
            }
        });
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        String types = rs.getString("event_types");
        Set<String> eventTypes = types.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(types.split(" ")));
        String reseller = rs.getString("reseller_id");
        return new Endpoint(rs.getString("id"), rs.getString("url"), rs.getString("secret"), eventTypes,
                reseller == null ? null : ResellerId.of(reseller), Binds.instant(rs, "created_at"));
    }

    private static StoredDelivery delivery(ResultSet rs) throws SQLException {
        String reseller = rs.getString("reseller_id");
        return new StoredDelivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                rs.getString("event_type"), reseller == null ? null : ResellerId.of(reseller), rs.getString("payload"),
                DeliveryState.of(rs.getString("state")), rs.getInt("attempts"), Binds.instant(rs, "next_attempt_at"),
                rs.getString("claimed_by"), Binds.instant(rs, "claim_expires_at"), Binds.instant(rs, "created_at"),
                Binds.instant(rs, "last_attempt_at"), rs.getInt("last_status"), rs.getString("last_error"));
    }
}
