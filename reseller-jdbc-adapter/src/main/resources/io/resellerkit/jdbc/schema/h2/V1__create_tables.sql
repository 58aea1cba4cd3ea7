-- ResellerKit schema, version 1, for H2 2.x.
-- ${prefix} is replaced by the table prefix (default rk_) before the script runs.
-- Text compares as Java compares strings (H2 has no collation set by default).
-- Columns ending in _lc hold the value lower-cased (Locale.ROOT) for case-insensitive filters.
-- Foreign keys are NO ACTION: a row that others refer to cannot be deleted, and nothing cascades.
-- They are added after the indexes: H2 then uses an index of ours where one has exactly the
-- foreign key's column, and creates one of its own for the others.
-- At read committed, H2 checks a foreign key without locking: a parent's delete and a child's
-- insert can both commit. The adapter therefore locks the parent rows itself (SELECT ... FOR
-- UPDATE) after writing a child; see the package documentation of io.resellerkit.jdbc.

CREATE TABLE IF NOT EXISTS ${prefix}resellers (
    id                    VARCHAR NOT NULL PRIMARY KEY,
    name                  VARCHAR NOT NULL,
    name_lc               VARCHAR NOT NULL,
    email                 VARCHAR NOT NULL,
    email_lc              VARCHAR NOT NULL,
    phone                 VARCHAR,
    company_address       VARCHAR,
    allowed_users         INTEGER NOT NULL,
    allowed_organizations INTEGER NOT NULL,
    status                VARCHAR NOT NULL,
    metadata              VARCHAR NOT NULL,
    version               BIGINT NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}resellers_list_idx ON ${prefix}resellers (created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}organizations (
    id            VARCHAR NOT NULL PRIMARY KEY,
    name          VARCHAR NOT NULL,
    name_lc       VARCHAR NOT NULL,
    email         VARCHAR NOT NULL,
    email_lc      VARCHAR NOT NULL,
    address       VARCHAR,
    allowed_users INTEGER NOT NULL,
    reseller_id   VARCHAR,
    metadata      VARCHAR NOT NULL,
    version       BIGINT NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}organizations_list_idx ON ${prefix}organizations (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}organizations_reseller_idx ON ${prefix}organizations (reseller_id, created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}users (
    id              VARCHAR NOT NULL PRIMARY KEY,
    first_name      VARCHAR NOT NULL,
    last_name       VARCHAR NOT NULL,
    email           VARCHAR NOT NULL,
    email_lc        VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    reseller_id     VARCHAR,
    organization_id VARCHAR,
    metadata        VARCHAR NOT NULL,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}users_email_key UNIQUE (email)
);
CREATE INDEX IF NOT EXISTS ${prefix}users_list_idx ON ${prefix}users (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}users_reseller_idx ON ${prefix}users (reseller_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}users_organization_idx ON ${prefix}users (organization_id, created_at, id);

CREATE TABLE IF NOT EXISTS ${prefix}licenses (
    id                    VARCHAR NOT NULL PRIMARY KEY,
    license_key           VARCHAR NOT NULL,
    product_id            VARCHAR NOT NULL,
    allowed_activations   INTEGER NOT NULL,
    expires_at            TIMESTAMP(6) WITH TIME ZONE,
    suspended             BOOLEAN NOT NULL,
    revoked               BOOLEAN NOT NULL,
    reseller_id           VARCHAR,
    assigned_user         VARCHAR,
    assigned_organization VARCHAR,
    metadata              VARCHAR NOT NULL,
    version               BIGINT NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}licenses_key_key UNIQUE (license_key)
);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_list_idx ON ${prefix}licenses (created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_reseller_idx ON ${prefix}licenses (reseller_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_user_idx ON ${prefix}licenses (assigned_user);
CREATE INDEX IF NOT EXISTS ${prefix}licenses_organization_idx ON ${prefix}licenses (assigned_organization);

ALTER TABLE ${prefix}organizations ADD CONSTRAINT IF NOT EXISTS ${prefix}organizations_reseller_fk
    FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id);
ALTER TABLE ${prefix}users ADD CONSTRAINT IF NOT EXISTS ${prefix}users_organization_fk
    FOREIGN KEY (organization_id) REFERENCES ${prefix}organizations (id);
ALTER TABLE ${prefix}users ADD CONSTRAINT IF NOT EXISTS ${prefix}users_reseller_fk
    FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id);
ALTER TABLE ${prefix}licenses ADD CONSTRAINT IF NOT EXISTS ${prefix}licenses_user_fk
    FOREIGN KEY (assigned_user) REFERENCES ${prefix}users (id);
ALTER TABLE ${prefix}licenses ADD CONSTRAINT IF NOT EXISTS ${prefix}licenses_organization_fk
    FOREIGN KEY (assigned_organization) REFERENCES ${prefix}organizations (id);
ALTER TABLE ${prefix}licenses ADD CONSTRAINT IF NOT EXISTS ${prefix}licenses_reseller_fk
    FOREIGN KEY (reseller_id) REFERENCES ${prefix}resellers (id);

-- Append-only. Each filter has an index that also serves the newest-first keyset order.
CREATE TABLE IF NOT EXISTS ${prefix}audit_events (
    id                VARCHAR NOT NULL PRIMARY KEY,
    occurred_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor_id          VARCHAR NOT NULL,
    actor_role        VARCHAR,
    actor_reseller_id VARCHAR,
    action            VARCHAR NOT NULL,
    resource_type     VARCHAR NOT NULL,
    resource_id       VARCHAR,
    reseller_id       VARCHAR,
    changes           VARCHAR NOT NULL,
    request_id        VARCHAR,
    reason            VARCHAR
);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_time_idx ON ${prefix}audit_events (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_reseller_idx ON ${prefix}audit_events (reseller_id, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_actor_idx ON ${prefix}audit_events (actor_id, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_action_idx ON ${prefix}audit_events (action, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_resource_idx ON ${prefix}audit_events (resource_type, resource_id, occurred_at DESC, id DESC);

-- Quota usage with its cap (-1 unlimited), created with its owner and changed by one conditional
-- UPDATE in the unit of work that inserts or deletes the rows, so the row lock orders every change.
CREATE TABLE IF NOT EXISTS ${prefix}usage_counters (
    kind     VARCHAR NOT NULL,
    owner_id VARCHAR NOT NULL,
    used     BIGINT NOT NULL,
    cap      BIGINT NOT NULL,
    CONSTRAINT ${prefix}usage_counters_pkey PRIMARY KEY (kind, owner_id),
    CONSTRAINT ${prefix}usage_counters_used_check CHECK (used >= 0),
    CONSTRAINT ${prefix}usage_counters_cap_check CHECK (cap >= -1)
);
