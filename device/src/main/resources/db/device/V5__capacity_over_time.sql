-- V5 (issue 13): capacity over time. A count-only kind remembers its configured places (the most it may open), the
-- target the hub or staff set (set_capacity, open_nood's capacity; NULL: all configured), until when its nood places
-- are open (epoch ms; they close by themselves then) and whether it is closing: closed as soon as nobody uses it. A bed
-- can be closed by a capacity limit (set_capacity) and keeps its status; bed_limit holds that limit per bed kind, and for
-- nood places that are beds, until when they are open (epoch ms).
ALTER TABLE count_place ADD COLUMN configured INTEGER;
UPDATE count_place SET configured = capacity;
ALTER TABLE count_place ADD COLUMN target INTEGER;
ALTER TABLE count_place ADD COLUMN until_ms INTEGER;
ALTER TABLE count_place ADD COLUMN closing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bed ADD COLUMN open INTEGER NOT NULL DEFAULT 1;
CREATE TABLE bed_limit (
    kind     TEXT PRIMARY KEY,
    capacity INTEGER NOT NULL,
    until_ms INTEGER
);
