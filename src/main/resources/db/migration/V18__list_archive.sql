-- Whether a list's past editions are on the public archive (/archive/<list>) with their feeds (list.yaml archive:).
ALTER TABLE mailing_list ADD COLUMN archive BOOLEAN DEFAULT TRUE NOT NULL;
