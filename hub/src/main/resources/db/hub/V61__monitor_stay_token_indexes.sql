-- V61: what the monitoring ledger asks per check-in (nl.opvang.hub.monitoring.LedgerStore) answered from an index,
-- whatever the client's history: has the client stayed before, when did the last stay end, how many stays in the
-- last 12 months, which stay is still open. With only (token_id) each of these read every stay of the client, and a
-- client with many stays made every one of their check-ins slower (docs/PERFORMANCE.md, "Monitoring on ingest").
DROP INDEX monitor_stay_token;
CREATE INDEX monitor_stay_token ON monitor_stay (token_id, in_ms) WHERE token_id IS NOT NULL;
CREATE INDEX monitor_stay_token_out ON monitor_stay (token_id, out_ms) WHERE token_id IS NOT NULL;
CREATE INDEX monitor_stay_token_open ON monitor_stay (token_id) WHERE token_id IS NOT NULL AND ended IS NULL;
