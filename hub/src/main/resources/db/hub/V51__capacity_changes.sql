-- V51 (issue 13): capacity over time (docs/DESIGN.md §4 "Capacity over time"). A capacity change sets a location's
-- limit for one kind from a time until an optional time; cancelled changes stay (with who and when) for the calendar.
-- restored_ms: when the node confirmed its limit back to the registry's after the change ended or was cancelled, so
-- the hub stops re-sending. location_dates: when a location opens (from the region file, or opened_ms from the API,
-- which wins) and when it is retired (from the API); no row means always there.
CREATE TABLE capacity_change (
    id              INTEGER PRIMARY KEY,
    site            TEXT NOT NULL REFERENCES location (code),
    kind            TEXT NOT NULL,
    capacity        INTEGER NOT NULL CHECK (capacity >= 0),
    from_ms         BIGINT NOT NULL,
    until_ms        BIGINT,
    reason          TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_ms      BIGINT NOT NULL,
    cancelled_by    TEXT,
    cancelled_ms    BIGINT,
    restored_ms     BIGINT
);
CREATE INDEX capacity_change_by_site ON capacity_change (site, kind, from_ms);
CREATE TABLE location_dates (
    code            TEXT PRIMARY KEY REFERENCES location (code),
    opens_ms        BIGINT,
    opened_ms       BIGINT,
    retired_ms      BIGINT,
    retired_reason  TEXT
);
-- The registry's own capacity of a place, as the region file configures it. The capacity column is what the node
-- reports now (a capacity change, opened noodbedden), which the registry read back at start: after a cut from 10 to 6
-- and a restart the registry said 6, and refused the node's 10 afterwards. Written by every start from the region file.
ALTER TABLE place ADD COLUMN configured INTEGER;
