-- ResellerKit schema, version 8, for H2 2.x: time-bound delegated access.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- One row per access grant; whether it works is decided by the core at each check from
-- valid_from, valid_until and revoked_at. A revocation is a conditional UPDATE (revoked_at IS
-- NULL). No foreign keys: a grant must not keep its organization or users from being deleted.
-- permissions: the lent operations' codes, sorted, comma-separated.

CREATE TABLE IF NOT EXISTS ${prefix}access_grants (
    id              VARCHAR NOT NULL,
    organization_id VARCHAR NOT NULL,
    grantee_id      VARCHAR NOT NULL,
    permissions     VARCHAR NOT NULL,
    valid_from      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    valid_until     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP(6) WITH TIME ZONE,
    granted_by      VARCHAR NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}access_grants_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}access_grants_grantee_idx ON ${prefix}access_grants (grantee_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}access_grants_organization_idx ON ${prefix}access_grants (organization_id, created_at, id);

-- The grant an event's call acted under (null for the actor's own rights); part of the event's
-- hashed content (canonical version 2).
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS access_grant_id VARCHAR;
