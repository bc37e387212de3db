-- V62 (issue #15 item 8): a stay can end by a check-out without the pass (lost, or the guest left; staff confirmed it
-- with their PIN at the kiosk): monitor_stay.ended 'without_pass', counted on /report and in the monitoring figures
-- (docs/MONITORING.md "destinations/v2"). SQLite cannot change a CHECK constraint, so the table is rebuilt with the
-- same columns, indexes (V60, V61) and triggers (V60).
DROP TRIGGER monitor_stay_unlinked;
DROP TRIGGER monitor_stay_forgotten;
CREATE TABLE monitor_stay_new (
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
    ended            TEXT CHECK (ended IN ('check_out', 'without_pass', 'no_check_out')),
    first_ever       INTEGER NOT NULL,
    days_since_last  INTEGER,
    stays_year        INTEGER NOT NULL
);
INSERT INTO monitor_stay_new (id, location, node, session, seq, place, kind, token_id, origin, in_ms, first_night,
    out_ms, last_night, destination, ended, first_ever, days_since_last, stays_year)
SELECT id, location, node, session, seq, place, kind, token_id, origin, in_ms, first_night, out_ms, last_night,
    destination, ended, first_ever, days_since_last, stays_year
FROM monitor_stay;
DROP TABLE monitor_stay;
ALTER TABLE monitor_stay_new RENAME TO monitor_stay;
CREATE INDEX monitor_stay_token ON monitor_stay (token_id, in_ms) WHERE token_id IS NOT NULL;
CREATE INDEX monitor_stay_token_out ON monitor_stay (token_id, out_ms) WHERE token_id IS NOT NULL;
CREATE INDEX monitor_stay_token_open ON monitor_stay (token_id) WHERE token_id IS NOT NULL AND ended IS NULL;
CREATE INDEX monitor_stay_open ON monitor_stay (node, place) WHERE ended IS NULL;
CREATE INDEX monitor_stay_first ON monitor_stay (first_night);
CREATE INDEX monitor_stay_last ON monitor_stay (last_night);
CREATE INDEX monitor_stay_event ON monitor_stay (node, session, seq);
CREATE INDEX monitor_stay_without_pass ON monitor_stay (out_ms) WHERE ended = 'without_pass';
CREATE TRIGGER monitor_stay_unlinked AFTER UPDATE OF token_id ON event
    WHEN NEW.token_id IS NULL AND OLD.token_id IS NOT NULL
BEGIN
    UPDATE monitor_stay SET token_id = NULL WHERE node = NEW.node AND session = NEW.session AND seq = NEW.seq;
END;
CREATE TRIGGER monitor_stay_forgotten AFTER DELETE ON token
BEGIN
    UPDATE monitor_stay SET token_id = NULL WHERE token_id = OLD.id;
END;
