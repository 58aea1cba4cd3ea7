-- ResellerKit schema, version 11, for PostgreSQL 12 or later: webhooks.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- Endpoints: where deliveries go. The secret signs deliveries (HMAC-SHA256), so it is kept as
-- issued: whoever reads this table can forge deliveries (see SECURITY.md).
-- event_types: the action codes it receives, separated by single spaces; empty for all.
CREATE TABLE IF NOT EXISTS ${prefix}webhook_endpoints (
    id          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    event_types TEXT NOT NULL,
    reseller_id TEXT COLLATE "C",
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Deliveries: an outbox of one row per event and matching endpoint, and the delivery log. A sender
-- claims a due row with a conditional UPDATE that sets claimed_by and claim_expires_at; a claim
-- that expired is retaken by any node: no advisory locks, so it works on CockroachDB and YugabyteDB.
-- No foreign key to the endpoint: the log outlives a deleted endpoint.
CREATE TABLE IF NOT EXISTS ${prefix}webhook_deliveries (
    id               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    endpoint_id      TEXT COLLATE "C" NOT NULL,
    event_id         TEXT COLLATE "C" NOT NULL,
    event_type       TEXT NOT NULL,
    reseller_id      TEXT COLLATE "C",
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by       TEXT,
    claim_expires_at TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status      INTEGER NOT NULL,
    last_error       TEXT
);
CREATE INDEX IF NOT EXISTS ${prefix}webhook_deliveries_due_idx ON ${prefix}webhook_deliveries (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS ${prefix}webhook_deliveries_log_idx ON ${prefix}webhook_deliveries (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}webhook_deliveries_endpoint_idx ON ${prefix}webhook_deliveries (endpoint_id, created_at);
CREATE INDEX IF NOT EXISTS ${prefix}webhook_deliveries_event_idx ON ${prefix}webhook_deliveries (event_id);
