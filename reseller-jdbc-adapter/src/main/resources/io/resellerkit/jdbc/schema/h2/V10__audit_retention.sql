-- ResellerKit schema, version 10, for H2 2.x: audit retention and erasure.
-- Links written from this version on hash a person's name and email only through salted digests
-- (hash_version 2), so that erasure can replace them with a pseudonym and the chain still
-- verifies: seals holds, per personal value, its salt ("salt:<hex>") or, once erased, its digest
-- ("digest:<hex>"), as a JSON object. Older links (hash_version NULL) hashed the values
-- themselves (version 1) and still verify as they were written.
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS hash_version SMALLINT;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS seals VARCHAR;

-- Each chain's checkpoint, kept with its head and moved under the same row lock: the newest link
-- that retention deleted (its number and hash; 0 and 64 zeros while nothing was purged), when
-- and by whom. Verification starts there instead of at the chain's first event.
ALTER TABLE ${prefix}audit_chains ADD COLUMN IF NOT EXISTS checkpoint_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}audit_chains ADD COLUMN IF NOT EXISTS checkpoint_hash VARCHAR NOT NULL
    DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
ALTER TABLE ${prefix}audit_chains ADD COLUMN IF NOT EXISTS checkpoint_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE ${prefix}audit_chains ADD COLUMN IF NOT EXISTS checkpoint_by VARCHAR;
