-- The peer's table, created by the bench before Node-RED starts (WAL; Node-RED's sqlite3 keeps synchronous=FULL,
-- its default). One row per event, unique per node session and seq like the hub's event log.
CREATE TABLE event (
    node TEXT NOT NULL,
    session TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    node_at TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (node, session, seq)
);
