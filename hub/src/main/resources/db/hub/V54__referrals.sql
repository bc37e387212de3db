-- V54: referrals ("Aanmelding bij de vrouwenopvang", docs/DESIGN.md §4, issue 14): Veilig Thuis asks a VO provider's
-- access desk (desk = the provider's name), not a location. notes (safety notes from Veilig Thuis, for the desk) and
-- instructions (from the desk, for the Veilig Thuis worker) are AES-GCM ciphertext in base64 (the data folder's key,
-- never in the database), set to NULL when the referral ends (refused, withdrawn, ended). An accepted referral names
-- the hold the desk made, with its site and kind (shown to the desk only), or elsewhere = 1: a partner region's shelter, no hold here); the hold's end ends it, in the
-- same transaction (HoldService's followers).
CREATE TABLE referral (
    id              TEXT PRIMARY KEY,
    desk            TEXT NOT NULL,
    region          TEXT NOT NULL,
    urgency         TEXT NOT NULL CHECK (urgency IN ('immediate', 'today')),
    adults          INTEGER NOT NULL CHECK (adults >= 0),
    children        INTEGER NOT NULL CHECK (children >= 0),
    state           TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'refused', 'withdrawn', 'ended')),
    requester_id    BIGINT NOT NULL,
    requester_name  TEXT NOT NULL,
    created_ms      BIGINT NOT NULL,
    respond_by_ms   BIGINT NOT NULL,
    answered_ms     BIGINT,
    ended_ms        BIGINT,
    refusal         TEXT,
    hold            TEXT REFERENCES hold (id),
    site            TEXT REFERENCES location (code),
    kind            TEXT,
    elsewhere       INTEGER NOT NULL DEFAULT 0 CHECK (elsewhere IN (0, 1)),
    notes           TEXT,
    instructions    TEXT,
    CHECK (state NOT IN ('refused', 'withdrawn', 'ended') OR (notes IS NULL AND instructions IS NULL))
);
CREATE INDEX referral_open ON referral (state, desk) WHERE state IN ('requested', 'accepted');
CREATE UNIQUE INDEX referral_by_hold ON referral (hold) WHERE hold IS NOT NULL;
