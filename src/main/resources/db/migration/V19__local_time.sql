-- Each reader's local morning. A list's deliver-at ("08:00 local") releases every reader's message at that hour in
-- the reader's time zone; the zone is an IANA name from signup or a members.csv column, NULL for the list's zone.
ALTER TABLE mailing_list ADD COLUMN deliver_at VARCHAR(5);
ALTER TABLE subscriber ADD COLUMN time_zone VARCHAR(60);
