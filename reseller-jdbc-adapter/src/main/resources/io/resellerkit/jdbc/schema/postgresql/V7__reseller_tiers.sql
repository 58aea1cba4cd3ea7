-- ResellerKit schema, version 7, for PostgreSQL 12 or later: reseller tiers.
-- A reseller may sell under a parent reseller, fixed at creation (so the tree has no cycles);
-- the foreign key keeps a parent with children from being deleted. The index serves the core's
-- walk down a subtree (children of a set of parents) and the key's check on a parent's delete.
-- Usage counters need no change: a parent's counter holds its own use plus what its children
-- carved out of it, under the same check-and-add.
ALTER TABLE ${prefix}resellers ADD COLUMN IF NOT EXISTS parent_id TEXT COLLATE "C";
ALTER TABLE ${prefix}resellers DROP CONSTRAINT IF EXISTS ${prefix}resellers_parent_fk;
ALTER TABLE ${prefix}resellers ADD CONSTRAINT ${prefix}resellers_parent_fk FOREIGN KEY (parent_id)
    REFERENCES ${prefix}resellers (id);
CREATE INDEX IF NOT EXISTS ${prefix}resellers_parent_idx ON ${prefix}resellers (parent_id, created_at, id);
