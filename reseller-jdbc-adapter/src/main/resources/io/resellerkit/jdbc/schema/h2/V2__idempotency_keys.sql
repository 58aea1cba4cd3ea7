-- ResellerKit schema, version 2, for H2 2.x: idempotency keys.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- One row per actor and key, claimed first in the unit of work of the write it guards and
-- completed with the write's result in the same unit. The primary key makes a concurrent claim of
-- the same key wait for the first unit, then fail (23505) if it committed. Expired rows are
-- deleted by the actor's next claim. No foreign key to users: a key outlives nothing it names.

CREATE TABLE IF NOT EXISTS ${prefix}idempotency_keys (
    actor_id        VARCHAR NOT NULL,
    idempotency_key VARCHAR NOT NULL,
    fingerprint     VARCHAR NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    resource_type   VARCHAR,
    resource_id     VARCHAR,
    CONSTRAINT ${prefix}idempotency_keys_pkey PRIMARY KEY (actor_id, idempotency_key)
);
