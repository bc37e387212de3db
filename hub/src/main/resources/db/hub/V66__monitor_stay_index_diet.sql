-- V66 (issue 20): fewer indexes for the ledger to keep up on every check-in (nl.opvang.hub.monitoring.LedgerStore),
-- each still answering its question without reading a client's history (LedgerQueryPlanTest):
-- * one token index (token_id, in_ms, out_ms) answers the three questions of a check-in in one range scan (stayed
--   before, when the last stay ended, stays in 12 months); it replaces (token_id, in_ms) and (token_id, out_ms);
-- * the last-night indexes leave out open stays (last_night is NULL until a stay ends): what reads them asks for
--   ended stays by their last night; a check-in no longer writes to them;
-- * (node, session, seq) served only the trigger that unlinks a stay when its check-in's token link is removed: the
--   trigger now finds the stay by its token first, from the token index.
-- Measured with `opvang-bench.jar --ledger-cost` (docs/PERFORMANCE.md "CPU per event").
DROP INDEX monitor_stay_token;
DROP INDEX monitor_stay_token_out;
CREATE INDEX monitor_stay_token ON monitor_stay (token_id, in_ms, out_ms) WHERE token_id IS NOT NULL;
DROP INDEX monitor_stay_last;
CREATE INDEX monitor_stay_last ON monitor_stay (last_night) WHERE last_night IS NOT NULL;
DROP INDEX monitor_stay_location_last;
CREATE INDEX monitor_stay_location_last ON monitor_stay (location, last_night) WHERE last_night IS NOT NULL;
DROP INDEX monitor_stay_event;
DROP TRIGGER monitor_stay_unlinked;
CREATE TRIGGER monitor_stay_unlinked AFTER UPDATE OF token_id ON event
    WHEN NEW.token_id IS NULL AND OLD.token_id IS NOT NULL
BEGIN
    UPDATE monitor_stay SET token_id = NULL
    WHERE token_id = OLD.token_id AND node = NEW.node AND session = NEW.session AND seq = NEW.seq;
END;
