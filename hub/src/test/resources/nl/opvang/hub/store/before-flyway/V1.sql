-- V1: registry (locations, nodes, places with their last known state), events, tokens, conflicts.
CREATE TABLE location (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    provider      TEXT NOT NULL,
    municipality  TEXT NOT NULL,
    region        TEXT NOT NULL,
    phone         TEXT NOT NULL,
    secret        INTEGER NOT NULL
);
CREATE TABLE node (
    code              TEXT PRIMARY KEY,
    site              TEXT NOT NULL REFERENCES location (code),
    session           TEXT,
    last_seq          BIGINT NOT NULL DEFAULT 0,
    heartbeat_seconds INTEGER NOT NULL DEFAULT 30,
    last_seen_ms      BIGINT,
    online            INTEGER NOT NULL DEFAULT 0,
    connection_count  BIGINT NOT NULL DEFAULT 0,
    software          TEXT,
    mismatch          TEXT
);
CREATE TABLE place (
    node            TEXT NOT NULL REFERENCES node (code),
    place           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    counted         INTEGER NOT NULL,
    capacity        INTEGER NOT NULL,
    is_open         INTEGER NOT NULL,
    occupied        INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'free',
    confirmed_ms    BIGINT,
    PRIMARY KEY (node, place)
);
CREATE TABLE token (
    id     INTEGER PRIMARY KEY,
    token  TEXT NOT NULL UNIQUE
);
CREATE TABLE event (
    node         TEXT NOT NULL REFERENCES node (code),
    session      TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    node_at      TEXT NOT NULL,
    received_ms  BIGINT NOT NULL,
    token_id     INTEGER REFERENCES token (id),
    body         TEXT NOT NULL,
    rejected     TEXT,
    PRIMARY KEY (node, session, seq)
);
CREATE TABLE conflict (
    id           INTEGER PRIMARY KEY,
    node         TEXT NOT NULL,
    session      TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    stored_id    TEXT NOT NULL,
    other_id     TEXT NOT NULL,
    received_ms  BIGINT NOT NULL
)
