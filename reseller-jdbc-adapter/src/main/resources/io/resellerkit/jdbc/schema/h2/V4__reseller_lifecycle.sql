-- ResellerKit schema, version 4, for H2 2.x: the partner lifecycle.
-- status gains the codes 'invited' and 'terminated' (the column is text: no change needed);
-- a contract end, after which the reseller counts as suspended (decided at each check).
ALTER TABLE ${prefix}resellers ADD COLUMN IF NOT EXISTS contract_ends_at TIMESTAMP(6) WITH TIME ZONE;
