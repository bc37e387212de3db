-- V49 (issue 13): when a count-only place (the noodbedden) was opened and until when it stays open, as its node
-- reported them in a capacity event or a birth; NULL while closed or without an end time.
ALTER TABLE place ADD COLUMN open_since_ms BIGINT;
ALTER TABLE place ADD COLUMN open_until_ms BIGINT;
