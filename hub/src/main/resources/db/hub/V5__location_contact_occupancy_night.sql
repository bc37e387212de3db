-- V5: what CT may open in an emergency about a secret location (break-glass, docs/DESIGN.md §5): a contact text set by
-- an admin, never an address; and the occupancy per night for the reports (the maximum seen, per location and kind).
CREATE TABLE location_contact (
    location    TEXT PRIMARY KEY REFERENCES location (code),
    contact     TEXT NOT NULL,
    updated_ms  BIGINT NOT NULL
);
CREATE TABLE occupancy_night (
    night        TEXT NOT NULL,
    location     TEXT NOT NULL REFERENCES location (code),
    kind         TEXT NOT NULL,
    occupied     INTEGER NOT NULL,
    capacity     INTEGER NOT NULL,
    samples      INTEGER NOT NULL,
    sampled_ms   BIGINT NOT NULL,
    PRIMARY KEY (night, location, kind)
)
