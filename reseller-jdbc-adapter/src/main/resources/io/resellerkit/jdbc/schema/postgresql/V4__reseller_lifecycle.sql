-- ResellerKit schema, version 4, for PostgreSQL 12 or later: the partner lifecycle.
-- status gains the codes 'invited' and 'terminated' (the column is text: no change needed);
-- a contract end, after which the reseller counts as suspended (decided at each check).
ALTER TABLE ${prefix}resellers ADD COLUMN IF NOT EXISTS contract_ends_at TIMESTAMP WITH TIME ZONE;
