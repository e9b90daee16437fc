-- How much of each story a list's editions of several stories carry (list.yaml digest-style): AUTO, FULL, SUMMARY.
-- NULL (lists synced before) reads as AUTO.
ALTER TABLE mailing_list ADD COLUMN digest_style VARCHAR(20);
