-- V52: the waiting list the CT manages (docs/DESIGN.md §4, "Waiting list"). One row per person waiting, known only by
-- a random reference the hub made (the CT writes it in its own file): no name, BSN or pass number. decided_on is the
-- date of the decision (indicatie), a calendar date in Europe/Amsterdam, not a moment; the rest are epoch ms.
-- An entry that is offered names its hold; the hold's end (fulfilled, refused, expired, cancelled) changes the entry in
-- the same transaction (HoldService's followers).
CREATE TABLE waitlist_entry (
    id              TEXT PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    need            TEXT NOT NULL CHECK (need IN ('regular', 'crisis', 'opstart', 'family', 'mo', 'bw_so', 'bw_hg')),
    decided_on      TEXT NOT NULL,
    priority        TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal')),
    origin          TEXT NOT NULL,
    exemption       TEXT CHECK (exemption IN ('voorkeursplek', 'time_out', 'respijt')),
    state           TEXT NOT NULL CHECK (state IN ('waiting', 'offered', 'closed')),
    hold            TEXT REFERENCES hold (id),
    offers          INTEGER NOT NULL DEFAULT 0,
    created_ms      BIGINT NOT NULL,
    changed_ms      BIGINT NOT NULL,
    closed_ms       BIGINT,
    close_reason    TEXT,
    CHECK (state <> 'offered' OR hold IS NOT NULL),
    CHECK ((state = 'closed') = (close_reason IS NOT NULL))
);
CREATE INDEX waitlist_entry_open ON waitlist_entry (state, need) WHERE state <> 'closed';
CREATE UNIQUE INDEX waitlist_entry_by_hold ON waitlist_entry (hold) WHERE hold IS NOT NULL;
