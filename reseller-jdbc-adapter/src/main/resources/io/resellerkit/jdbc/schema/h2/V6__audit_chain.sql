-- ResellerKit schema, version 6, for H2 2.x: the audit trail as hash chains.
-- Each event is a link of one chain (a reseller's, or the vendor's for events that concern no
-- reseller; refused attempts have chains of their own): its sequence number in the chain, the
-- hash of the event before it and its own hash (SHA-256 of its canonical text and the previous
-- hash, lower-case hex). Events written before this version have no chain data and belong to no
-- chain: each chain starts at the first event written after it.
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS chain_id VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS chain_seq BIGINT;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS prev_hash VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS hash VARCHAR;
-- One event per place in a chain; reads a chain in sequence order. Older events (NULLs) are not indexed as equal.
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}audit_events_chain_idx ON ${prefix}audit_events (chain_id, chain_seq);

-- Each chain's newest link. The unit of work that appends to a chain locks its row
-- (SELECT ... FOR UPDATE) and moves it in the same transaction as the insert, so appends to one
-- chain take turns across JVMs and sequence numbers follow commit order with no gaps. Created by
-- the first append to the chain.
CREATE TABLE IF NOT EXISTS ${prefix}audit_chains (
    chain_id  VARCHAR NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash VARCHAR NOT NULL
);
