-- The outbox becomes the journal (docs/DESIGN.md §3): an acked row is marked (epoch ms of its ack), not deleted, and
-- kept for the configured period, so that a hub restored from a backup can ask for it again with resend.
ALTER TABLE outbox ADD COLUMN acked_ms INTEGER;
CREATE INDEX outbox_acked ON outbox (acked_ms);
