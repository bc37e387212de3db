-- V4 (issue 12): every time in the node database is INTEGER epoch milliseconds UTC, as in the hub (docs/DESIGN.md §1).
-- The times written as ISO-8601 text (Instant.toString(): UTC, 'Z', 0 to 9 fraction digits) become *_ms columns, read
-- as Java reads them: the whole seconds, then the first three fraction digits (truncated). A text that is not such a
-- time fails NOT NULL, and with it the whole upgrade, rather than lose a time. Each table is rebuilt (SQLite cannot
-- change a column's type); its rows, seqs and constraints stay.
CREATE TABLE meta_new (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    session           TEXT    NOT NULL,
    next_seq          INTEGER NOT NULL,
    connection        INTEGER NOT NULL,
    heartbeat_seconds INTEGER,
    created_ms        INTEGER NOT NULL
);
INSERT INTO meta_new (id, session, next_seq, connection, heartbeat_seconds, created_ms)
SELECT id, session, next_seq, connection, heartbeat_seconds,
       unixepoch(substr(created, 1, 19)) * 1000 + CASE WHEN substr(created, 20, 1) = '.'
           THEN CAST(substr(substr(created, 21, length(created) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END
FROM meta;
DROP TABLE meta;
ALTER TABLE meta_new RENAME TO meta;

CREATE TABLE outbox_new (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    acked_ms   INTEGER
);
INSERT INTO outbox_new (seq, id, type, payload, created_ms, acked_ms)
SELECT seq, id, type, payload,
       unixepoch(substr(created, 1, 19)) * 1000 + CASE WHEN substr(created, 20, 1) = '.'
           THEN CAST(substr(substr(created, 21, length(created) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END,
       acked_ms
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_acked ON outbox (acked_ms);

CREATE TABLE processed_command_new (
    id          TEXT PRIMARY KEY,
    type        TEXT    NOT NULL,
    received_ms INTEGER NOT NULL
);
INSERT INTO processed_command_new (id, type, received_ms)
SELECT id, type,
       unixepoch(substr(received, 1, 19)) * 1000 + CASE WHEN substr(received, 20, 1) = '.'
           THEN CAST(substr(substr(received, 21, length(received) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END
FROM processed_command;
DROP TABLE processed_command;
ALTER TABLE processed_command_new RENAME TO processed_command;

CREATE TABLE rejection_new (
    session     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT,
    reason      TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    id          TEXT,
    payload     TEXT,
    PRIMARY KEY (session, seq)
);
INSERT INTO rejection_new (session, seq, type, reason, received_ms, id, payload)
SELECT session, seq, type, reason,
       unixepoch(substr(received, 1, 19)) * 1000 + CASE WHEN substr(received, 20, 1) = '.'
           THEN CAST(substr(substr(received, 21, length(received) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END,
       id, payload
FROM rejection;
DROP TABLE rejection;
ALTER TABLE rejection_new RENAME TO rejection;

CREATE TABLE incoming_hold_new (
    hold         TEXT PRIMARY KEY,
    kind         TEXT    NOT NULL,
    bed          TEXT,
    expires_ms   INTEGER NOT NULL,
    requested_by TEXT    NOT NULL,
    accepted     INTEGER NOT NULL DEFAULT 0,
    received_ms  INTEGER NOT NULL
);
INSERT INTO incoming_hold_new (hold, kind, bed, expires_ms, requested_by, accepted, received_ms)
SELECT hold, kind, bed,
       unixepoch(substr(expires_at, 1, 19)) * 1000 + CASE WHEN substr(expires_at, 20, 1) = '.'
           THEN CAST(substr(substr(expires_at, 21, length(expires_at) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END,
       requested_by, accepted,
       unixepoch(substr(received, 1, 19)) * 1000 + CASE WHEN substr(received, 20, 1) = '.'
           THEN CAST(substr(substr(received, 21, length(received) - 21) || '000', 1, 3) AS INTEGER) ELSE 0 END
FROM incoming_hold;
DROP TABLE incoming_hold;
ALTER TABLE incoming_hold_new RENAME TO incoming_hold;
