-- V3: personal accounts (docs/DESIGN.md §5: no shared logins), sessions and bearer tokens stored only as SHA-256 of the
-- value, and failed logins for throttling.
CREATE TABLE account (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    scope          TEXT,
    password_hash  TEXT NOT NULL,
    totp_secret    TEXT,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_ms     BIGINT NOT NULL
);
CREATE TABLE account_session (
    token_hash    TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES account (id),
    kind          TEXT NOT NULL,
    csrf_token    TEXT,
    created_ms    BIGINT NOT NULL,
    expires_ms    BIGINT NOT NULL,
    last_used_ms  BIGINT NOT NULL
);
CREATE INDEX account_session_account ON account_session (account_id);
CREATE TABLE login_failure (
    id        INTEGER PRIMARY KEY,
    subject   TEXT NOT NULL,
    at_ms     BIGINT NOT NULL
);
CREATE INDEX login_failure_subject ON login_failure (subject, at_ms);
