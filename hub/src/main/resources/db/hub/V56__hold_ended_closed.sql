-- V56: when a hold ended (left requested/accepted: answered with a refusal, expired, withdrawn, checked in), and when
-- its requester closed it on their page (docs/DESIGN.md §4). Until closed, an ended hold stays on its requester's
-- page with its state and reason. Holds that ended before this version were never shown once ended: they count as
-- closed, so that no page fills up with old requests.
ALTER TABLE hold ADD COLUMN ended_ms BIGINT;
ALTER TABLE hold ADD COLUMN closed_ms BIGINT;
UPDATE hold SET ended_ms = CASE state WHEN 'refused' THEN answered_ms WHEN 'expired' THEN expires_ms END,
    closed_ms = COALESCE(answered_ms, expires_ms)
WHERE state NOT IN ('requested', 'accepted');
