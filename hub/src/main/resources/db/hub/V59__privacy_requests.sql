-- V59 (issue 17): rights requests made at a kiosk with a pass (docs/DESIGN.md §5). The request itself is a
-- privacy_request event; its token link (event.token_id) is the person's. These rows are how the hub handles it:
-- no pass number, no token.
CREATE TABLE privacy_request (
    request     TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,
    site        TEXT NOT NULL,
    asked       TEXT NOT NULL CHECK (asked IN ('access', 'erasure', 'restriction')),
    received_ms BIGINT NOT NULL,
    deadline_ms BIGINT NOT NULL,
    done_ms     BIGINT,
    done_by     TEXT,
    outcome     TEXT
);
CREATE INDEX privacy_request_open ON privacy_request (deadline_ms) WHERE done_ms IS NULL;
CREATE INDEX event_privacy_request ON event (type) WHERE type = 'privacy_request';

-- A restricted token (AVG art. 18): its data stays but is shown nowhere until the restriction is lifted. Goes with
-- its token (retention or an erasure).
CREATE TABLE privacy_restriction (
    token_id INTEGER PRIMARY KEY,
    request  TEXT NOT NULL,
    since_ms BIGINT NOT NULL
);
CREATE TRIGGER privacy_restriction_with_token AFTER DELETE ON token
BEGIN
    DELETE FROM privacy_restriction WHERE token_id = OLD.id;
END;
