-- V47 (issue 11, items 4 and 7): the last TOTP step that logged each account in (a code from the app works once, also
-- across a restart), and the addresses each account logged in from (kept working while a stranger is throttled).
ALTER TABLE account ADD COLUMN totp_last_step BIGINT;
CREATE TABLE login_address (
    username    TEXT NOT NULL,
    address     TEXT NOT NULL,
    last_ok_ms  BIGINT NOT NULL,
    PRIMARY KEY (username, address)
);
