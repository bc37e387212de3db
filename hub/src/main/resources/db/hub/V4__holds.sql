-- V4: holds (placement requests, docs/DESIGN.md §4). The instructions are AES-GCM ciphertext in base64 (key in the data
-- folder, never in the database) and are set to NULL when the hold ends. One active hold per bed is the partial unique
-- index; held + occupied <= capacity for kinds is checked by the hub inside the one writer transaction.
CREATE TABLE hold (
    id              TEXT PRIMARY KEY,
    site            TEXT NOT NULL REFERENCES location (code),
    node            TEXT NOT NULL REFERENCES node (code),
    kind            TEXT NOT NULL,
    bed             TEXT,
    state           TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'refused', 'expired', 'cancelled', 'fulfilled')),
    requester_id    BIGINT NOT NULL,
    requester_name  TEXT NOT NULL,
    requester_role  TEXT NOT NULL,
    created_ms      BIGINT NOT NULL,
    expires_ms      BIGINT NOT NULL,
    answered_ms     BIGINT,
    accepted_bed    TEXT,
    instructions    TEXT,
    refusal         TEXT,
    conflict        TEXT,
    last_sent_ms    BIGINT
);
CREATE UNIQUE INDEX hold_one_active_per_bed ON hold (node, bed) WHERE bed IS NOT NULL AND state IN ('requested', 'accepted');
CREATE INDEX hold_by_state ON hold (state, node)
