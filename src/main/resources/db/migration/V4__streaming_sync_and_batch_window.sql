-- List files of a million rows: memberships are marked with the sync that last saw them, so members gone from the
-- file are found in the database instead of in memory; an unchanged file is not read again.
ALTER TABLE membership ADD COLUMN sync_id BIGINT;
ALTER TABLE mailing_list ADD COLUMN members_fingerprint VARCHAR(100);

-- Batches are handed to Quartz a few at a time: next_batch is the first batch not yet handed out.
ALTER TABLE send ADD COLUMN next_batch INTEGER NOT NULL DEFAULT 0;
