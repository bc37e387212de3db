CREATE TABLE meta (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    session           TEXT    NOT NULL,
    next_seq          INTEGER NOT NULL,
    connection        INTEGER NOT NULL,
    heartbeat_seconds INTEGER,
    created           TEXT    NOT NULL
);
CREATE TABLE outbox (
    seq     INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    type    TEXT    NOT NULL,
    payload TEXT    NOT NULL,
    created TEXT    NOT NULL
);
CREATE TABLE bed (
    bed    TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,
    status TEXT NOT NULL,
    token  TEXT
);
CREATE TABLE count_place (
    kind     TEXT PRIMARY KEY,
    capacity INTEGER NOT NULL,
    open     INTEGER NOT NULL,
    occupied INTEGER NOT NULL
);
CREATE TABLE processed_command (
    id       TEXT PRIMARY KEY,
    type     TEXT NOT NULL,
    received TEXT NOT NULL
);
CREATE TABLE rejection (
    session  TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    type     TEXT,
    reason   TEXT    NOT NULL,
    received TEXT    NOT NULL,
    PRIMARY KEY (session, seq)
);
CREATE TABLE incoming_hold (
    hold         TEXT PRIMARY KEY,
    kind         TEXT    NOT NULL,
    bed          TEXT,
    expires_at   TEXT    NOT NULL,
    requested_by TEXT    NOT NULL,
    accepted     INTEGER NOT NULL DEFAULT 0,
    received     TEXT    NOT NULL
);
