-- V13: a conflicting copy of an event (the same seq with another id: two nodes with one identity) is kept whole for
-- admins, not only its two ids (issue 11): its type, the node's time and its fields (without the token, as in event);
-- and once per copy, so a node resending it does not fill the table. Earlier duplicate rows are merged first.
ALTER TABLE conflict ADD COLUMN type TEXT;
ALTER TABLE conflict ADD COLUMN node_at TEXT;
ALTER TABLE conflict ADD COLUMN body TEXT;
DELETE FROM conflict WHERE id NOT IN (SELECT MIN(id) FROM conflict GROUP BY node, session, seq, other_id);
CREATE UNIQUE INDEX conflict_once ON conflict (node, session, seq, other_id);
CREATE INDEX conflict_by_time ON conflict (received_ms);
-- What admins read: refused events newest first, without scanning every event.
CREATE INDEX event_refused ON event (received_ms) WHERE rejected IS NOT NULL;
