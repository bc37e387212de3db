-- V6: retention (docs/DESIGN.md §5). Check-ins and check-outs older than the retention period lose their token link and
-- are counted here instead, per night (Nights: 12:00 to 12:00 Europe/Amsterdam), location and kind: anonymous counts.
CREATE TABLE stay_count (
    night       TEXT NOT NULL,
    location    TEXT NOT NULL REFERENCES location (code),
    kind        TEXT NOT NULL,
    check_ins   INTEGER NOT NULL,
    check_outs  INTEGER NOT NULL,
    PRIMARY KEY (night, location, kind)
);
CREATE INDEX event_linked ON event (token_id) WHERE token_id IS NOT NULL;
