-- V55 (issue 14 item 5): a VO desk opens or closes its own location's noodbedden through the hub (docs/DESIGN.md §4
-- "Noodbedden by the desk"). One standing request per location, replaced by the next; an open ends by itself at its
-- end time, a close is deleted once the node confirms it. The audit log keeps who asked what and why.
CREATE TABLE nood_request (
    site        TEXT PRIMARY KEY REFERENCES location (code),
    open        INTEGER NOT NULL,
    until_ms    BIGINT,
    by_account  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    at_ms       BIGINT NOT NULL
);
