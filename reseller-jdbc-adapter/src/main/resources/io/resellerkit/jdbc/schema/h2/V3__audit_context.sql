-- ResellerKit schema, version 3, for H2 2.x: who acted and from where, in each audit event, and
-- the filters on it. Columns ending in _lc hold the value lower-cased (Locale.ROOT).
-- Events written before this version have no actor name, email, client IP or user agent.

ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS actor_name VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS actor_email VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS actor_email_lc VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS client_ip VARCHAR;
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS user_agent VARCHAR;
-- What the text filter searches: actor name, actor email, resource id and reason, lower-cased,
-- joined by line breaks (AuditQuery.searchText). No index: LIKE '%...%' scans the rows that the
-- other filters and the keyset leave. Older events get their resource id and reason, once.
ALTER TABLE ${prefix}audit_events ADD COLUMN IF NOT EXISTS search_lc VARCHAR;
UPDATE ${prefix}audit_events SET search_lc = LOWER(CONCAT_WS(CHAR(10), resource_id, reason)) WHERE search_lc IS NULL;

-- An index is read backwards as well as forwards: each serves both orders.
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_actor_email_idx ON ${prefix}audit_events (actor_email_lc, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${prefix}audit_events_request_idx ON ${prefix}audit_events (request_id, occurred_at DESC, id DESC);
