-- ResellerKit schema, version 8, for PostgreSQL 12 or later: time-bound delegated access.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- One row per access grant; whether it works is decided by the core at each check from
-- valid_from, valid_until and revoked_at. A revocation is a conditional UPDATE (revoked_at IS
-- NULL). No foreign keys: a grant must not keep its organization or users from being deleted.
-- permissions: the lent operations' codes, sorted, comma-separated.

CREATE TABLE IF NOT EXISTS ${prefix}access_grants (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    organization_id TEXT COLLATE "C" NOT NULL,
    grantee_id      TEXT COLLATE "C" NOT NULL,
    permissions     TEXT NOT NULL,
    valid_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    granted_by      TEXT COLLATE "C" NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}access_grants_grantee_idx ON ${prefix}access_grants (grantee_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}access_grants_organization_idx ON ${prefix}access_grants (organization_id, created_at, id);

-- The grant an event's call acted under (null for the actor's own rights); part of the event's
-- hashed content (canonical version 2).
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS access_grant_id TEXT;
