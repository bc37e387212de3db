-- V7 (issue 14): a hold the hub sent already accepted (a VO desk placed a referral here) is an expected arrival: the
-- kiosk offers its check-in and neither accepts nor refuses it. 0 for every hold received before, which were requests.
ALTER TABLE incoming_hold ADD COLUMN expected INTEGER NOT NULL DEFAULT 0;
