-- V48 (issue 12): every time in the database is INTEGER epoch milliseconds UTC (docs/DESIGN.md §1). The node's time
-- of an event and of a conflicting copy was ISO-8601 text (Instant.toString(): UTC, 'Z', 0 to 9 fraction digits); it
-- becomes node_ms, read as Java reads it: the whole seconds, then the first three fraction digits (truncated). A text
-- that is not such a time makes event's NOT NULL fail, and with it the whole upgrade, rather than lose a time.
-- SQLite's own functions and table rebuild: a hub on PostgreSQL starts from an empty database.
CREATE TABLE event_new (
    node         TEXT NOT NULL REFERENCES node (code),
    session      TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    node_ms      BIGINT NOT NULL,
    received_ms  BIGINT NOT NULL,
    token_id     INTEGER REFERENCES token (id),
    body         TEXT NOT NULL,
    rejected     TEXT,
    PRIMARY KEY (node, session, seq)
);
INSERT INTO event_new (node, session, seq, id, type, node_ms, received_ms, token_id, body, rejected)
SELECT node, session, seq, id, type,
       unixepoch(substr(node_at, 1, 19)) * 1000 + CASE WHEN substr(node_at, 20, 1) = '.'
           THEN CAST(substr(substr(node_at, 21, length(node_at) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END,
       received_ms, token_id, body, rejected
FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE INDEX event_linked ON event (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX event_refused ON event (received_ms) WHERE rejected IS NOT NULL;
ALTER TABLE conflict ADD COLUMN node_ms BIGINT;
UPDATE conflict SET node_ms = unixepoch(substr(node_at, 1, 19)) * 1000 + CASE WHEN substr(node_at, 20, 1) = '.'
    THEN CAST(substr(substr(node_at, 21, length(node_at) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END
WHERE node_at IS NOT NULL;
ALTER TABLE conflict DROP COLUMN node_at;
