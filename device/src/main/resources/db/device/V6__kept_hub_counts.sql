-- V6 (issue 15 item 11): the last summary of free places in the region that the hub sent (opvang/v1/hub/counts), kept
-- whole as its JSON with when it arrived (epoch ms), so that the kiosk still lists the other locations and their phone
-- numbers, marked with their age, when the hub is unreachable, also after a restart. One row at most.
CREATE TABLE hub_counts (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    received_ms INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);
