-- ResellerKit schema, version 1, for PostgreSQL 12 or later.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- Ids compare with the C collation, so lists page in the same order as Java sorts strings.
-- Columns ending in _lc hold the value lower-cased (Locale.ROOT) for case-insensitive filters.
-- Foreign keys are NO ACTION: a row that others refer to cannot be deleted, and nothing cascades.
-- Each one's referencing column leads an index (PostgreSQL creates none for a foreign key), so
-- the check on a parent's delete is an index lookup.

CREATE TABLE IF NOT EXISTS ${prefix}resellers (
    id                    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name                  TEXT NOT NULL,
    name_lc               TEXT NOT NULL,
    email                 TEXT NOT NULL,
    email_lc              TEXT NOT NULL,
    phone                 TEXT,
    company_address       TEXT,
    allowed_users         INTEGER NOT NULL,
    allowed_organizations INTEGER NOT NULL,
    status                TEXT NOT NULL,
    metadata              JSONB NOT NULL,
    version               BIGINT NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}resellers_list_idx ON ${prefix}resellers (created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}organizations (
    id            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name          TEXT NOT NULL,
    name_lc       TEXT NOT NULL,
    email         TEXT NOT NULL,
    email_lc      TEXT NOT NULL,
    address       TEXT,
    allowed_users INTEGER NOT NULL,
    reseller_id   TEXT COLLATE "C",
    metadata      JSONB NOT NULL,
    version       BIGINT NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}organizations_reseller_fk FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}organizations_list_idx ON ${prefix}organizations (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}organizations_reseller_idx ON ${prefix}organizations (reseller_id, created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}users (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    email           TEXT NOT NULL,
    email_lc        TEXT NOT NULL,
    role            TEXT NOT NULL,
    reseller_id     TEXT COLLATE "C",
    organization_id TEXT COLLATE "C",
    metadata        JSONB NOT NULL,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}users_email_key UNIQUE (email),
    CONSTRAINT ${prefix}users_organization_fk FOREIGN KEY (organization_id) REFERENCES ${prefix}organizations (id),
    CONSTRAINT ${prefix}users_reseller_fk FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}users_list_idx ON ${prefix}users (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}users_reseller_idx ON ${prefix}users (reseller_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}users_organization_idx ON ${prefix}users (organization_id, created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}licenses (
    id                    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    license_key           TEXT NOT NULL,
    product_id            TEXT NOT NULL,
    allowed_activations   INTEGER NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE,
    suspended             BOOLEAN NOT NULL,
    revoked               BOOLEAN NOT NULL,
    reseller_id           TEXT COLLATE "C",
    assigned_user         TEXT COLLATE "C",
    assigned_organization TEXT COLLATE "C",
    metadata              JSONB NOT NULL,
    version               BIGINT NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}licenses_key_key UNIQUE (license_key),
    CONSTRAINT ${prefix}licenses_user_fk FOREIGN KEY (assigned_user) REFERENCES ${prefix}users (id),
    CONSTRAINT ${prefix}licenses_organization_fk FOREIGN KEY (assigned_organization) REFERENCES ${prefix}organizations (id),
    CONSTRAINT ${prefix}licenses_reseller_fk FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_list_idx ON ${prefix}licenses (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_reseller_idx ON ${prefix}licenses (reseller_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_user_idx ON ${prefix}licenses (assigned_user);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_organization_idx ON ${prefix}licenses (assigned_organization);

-- Append-only. Each filter has an index that also serves the newest-first keyset order.
CREATE TABLE IF NOT EXISTS ${prefix}audit_events (
    id                TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id          TEXT COLLATE "C" NOT NULL,
    actor_role        TEXT,
    actor_reseller_id TEXT COLLATE "C",
    action            TEXT NOT NULL,
    resource_type     TEXT NOT NULL,
    resource_id       TEXT,
    reseller_id       TEXT COLLATE "C",
    changes           JSONB NOT NULL,
    request_id        TEXT,
    reason            TEXT
);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_time_idx ON ${prefix}audit_events (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_reseller_idx ON ${prefix}audit_events (reseller_id, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_actor_idx ON ${prefix}audit_events (actor_id, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_action_idx ON ${prefix}audit_events (action, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_resource_idx ON ${prefix}audit_events (resource_type, resource_id, occurred_at DESC, id DESC);

-- Quota usage with its cap (-1 unlimited), created with its owner and changed by one conditional
-- UPDATE in the unit of work that inserts or deletes the rows, so the row lock orders every change.
CREATE TABLE IF NOT EXISTS ${prefix}usage_counters (
    kind     TEXT NOT NULL,
    owner_id TEXT COLLATE "C" NOT NULL,
    used     BIGINT NOT NULL,
    cap      BIGINT NOT NULL,
    CONSTRAINT ${prefix}usage_counters_pkey PRIMARY KEY (kind, owner_id),
    CONSTRAINT ${prefix}usage_counters_used_check CHECK (used >= 0),
    CONSTRAINT ${prefix}usage_counters_cap_check CHECK (cap >= -1)
);
