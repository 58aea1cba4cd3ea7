-- ResellerKit schema, version 5, for PostgreSQL 12 or later: transfer tokens.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- One row per token, found by the SHA-256 hash of its secret (the secret is never stored). A
-- redemption is a conditional UPDATE (redeemed_at IS NULL): of two concurrent ones, the second
-- waits for the first's row lock and then matches no row. No foreign keys: a token must not keep
-- its organization or reseller from being deleted; a token naming a deleted one finds nothing.

CREATE TABLE IF NOT EXISTS ${prefix}transfer_tokens (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    secret_hash     TEXT COLLATE "C" NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    to_reseller_id  TEXT COLLATE "C" NOT NULL,
    issued_by       TEXT COLLATE "C" NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ${prefix}transfer_tokens_hash_key UNIQUE (secret_hash)
);
