-- ResellerKit schema, version 9, for PostgreSQL 12 or later: following the audit trail.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- A consumer's position in each audit chain: the sequence number of the last event it handled.
-- Chains number their events without gaps in commit order (V6), so "above my position" misses no
-- late commit. A position only moves forward (a conditional UPDATE ... WHERE seq < ?).
CREATE TABLE IF NOT EXISTS ${prefix}tail_checkpoints (
    consumer   TEXT COLLATE "C" NOT NULL,
    chain_id   TEXT COLLATE "C" NOT NULL,
    seq        BIGINT NOT NULL,
    CONSTRAINT ${prefix}tail_checkpoints_pkey PRIMARY KEY (consumer, chain_id)
);

-- Named leases: one node of many holds one until it expires. Taken and renewed by a conditional
-- UPDATE (free, expired, or already ours), created by an INSERT that loses to a concurrent one:
-- no advisory locks, so it works on CockroachDB and YugabyteDB too.
CREATE TABLE IF NOT EXISTS ${prefix}leases (
    name       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    owner      TEXT COLLATE "C" NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
