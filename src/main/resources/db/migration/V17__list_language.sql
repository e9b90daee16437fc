-- The language of the words Herald adds to a list's editions and pages (list.yaml language:); NULL means the
-- instance's default (herald.languages.default).
ALTER TABLE mailing_list ADD COLUMN language VARCHAR(16);
