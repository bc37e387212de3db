-- V53: whom a place is for (docs/DESIGN.md §4 "Target groups"; issue 14). The region file is the truth: every start
-- writes a location's domain and replaces its groups. A group row with kind '' is the location's own; a row with a
-- kind says whom that kind's places are for instead. Group names are a closed list (nl.opvang.hub.location.TargetGroup),
-- never free text, so no address can hide in them.
ALTER TABLE location ADD COLUMN domain TEXT;
CREATE TABLE location_group (
    location  TEXT NOT NULL REFERENCES location (code),
    kind      TEXT NOT NULL DEFAULT '',
    target    TEXT NOT NULL,
    PRIMARY KEY (location, kind, target)
);
