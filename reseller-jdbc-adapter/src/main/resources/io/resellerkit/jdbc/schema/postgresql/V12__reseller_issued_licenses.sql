-- ResellerKit schema, version 12, for PostgreSQL 12 or later: reseller-issued licenses.
-- The vendor may let a reseller issue licenses itself, up to allowed_licenses (0: off, the
-- default; -1: unlimited). A license a reseller issued names it in issued_by (vendor-created
-- licenses leave it null); a counter per reseller holds how many it issued, checked and taken
-- like the other quotas. issued_by has no foreign key: it records who issued, and a license
-- may outlive its issuer's row after a transfer.
ALTER TABLE ${prefix}resellers ADD COLUMN IF NOT EXISTS allowed_licenses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}licenses ADD COLUMN IF NOT EXISTS issued_by TEXT COLLATE "C";
CREATE INDEX IF NOT EXISTS ${prefix}licenses_issued_by_idx ON ${prefix}licenses (issued_by);
-- Every existing reseller gets its counter, off (cap 0) and empty, as a new one would.
INSERT INTO ${prefix}usage_counters (kind, owner_id, used, cap)
    SELECT 'RESELLER_LICENSES', id, 0, 0 FROM ${prefix}resellers
    ON CONFLICT (kind, owner_id) DO NOTHING;
