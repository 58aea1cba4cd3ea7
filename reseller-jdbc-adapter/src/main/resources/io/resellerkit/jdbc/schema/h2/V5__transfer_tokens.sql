-- ResellerKit schema, version 5, for H2 2.x: transfer tokens.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- One row per token, found by the SHA-256 hash of its secret (the secret is never stored). A
-- redemption is a conditional UPDATE (redeemed_at IS NULL): of two concurrent ones, the second
-- waits for the first's row lock and then matches no row. No foreign keys: a token must not keep
-- its organization or reseller from being deleted; a token naming a deleted one finds nothing.

CREATE TABLE IF NOT EXISTS ${prefix}transfer_tokens (
    id              VARCHAR NOT NULL,
    secret_hash     VARCHAR NOT NULL,
    organization_id VARCHAR NOT NULL,
    to_reseller_id  VARCHAR NOT NULL,
    issued_by       VARCHAR NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    redeemed_at     TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT ${prefix}transfer_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT ${prefix}transfer_tokens_hash_key UNIQUE (secret_hash)
);
