-- V60: the monitoring figures' own tables (docs/MONITORING.md), kept up to date in the ingest transaction by
-- nl.opvang.hub.monitoring.LedgerStore, so no answer scans the event log.
-- monitor_stay: one row per stay (a check-in, and the check-out that ended it). What needs the token is decided when
-- the check-in arrives (first ever, days since the last stay ended, stays in the last 12 months) and kept in the row,
-- so the figures stay right after retention removes the token link: the triggers below clear token_id when the
-- check-in event loses its link or the token is deleted (a deletion request).
CREATE TABLE monitor_stay (
    id               INTEGER PRIMARY KEY,
    location         TEXT NOT NULL,
    node             TEXT NOT NULL,
    session          TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    place            TEXT,
    kind             TEXT NOT NULL,
    token_id         INTEGER,
    origin           TEXT,
    in_ms            INTEGER NOT NULL,
    first_night      TEXT NOT NULL,
    out_ms           INTEGER,
    last_night       TEXT,
    destination      TEXT,
    ended            TEXT CHECK (ended IN ('check_out', 'no_check_out')),
    first_ever       INTEGER NOT NULL,
    days_since_last  INTEGER,
    stays_year        INTEGER NOT NULL
);
CREATE INDEX monitor_stay_token ON monitor_stay (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX monitor_stay_open ON monitor_stay (node, place) WHERE ended IS NULL;
CREATE INDEX monitor_stay_first ON monitor_stay (first_night);
CREATE INDEX monitor_stay_last ON monitor_stay (last_night);
CREATE INDEX monitor_stay_event ON monitor_stay (node, session, seq);
-- Turn-aways per night (12:00 to 12:00 Europe/Amsterdam), location, kind and reason code: anonymous counts.
CREATE TABLE monitor_turn_away (
    night     TEXT NOT NULL,
    location  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (night, location, kind, reason)
);
CREATE TRIGGER monitor_stay_unlinked AFTER UPDATE OF token_id ON event
    WHEN NEW.token_id IS NULL AND OLD.token_id IS NOT NULL
BEGIN
    UPDATE monitor_stay SET token_id = NULL WHERE node = NEW.node AND session = NEW.session AND seq = NEW.seq;
END;
CREATE TRIGGER monitor_stay_forgotten AFTER DELETE ON token
BEGIN
    UPDATE monitor_stay SET token_id = NULL WHERE token_id = OLD.id;
END;
