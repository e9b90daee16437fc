-- Items are known per feed (GUID, then link, then content): the link index is per feed too.
CREATE INDEX feed_item_feed_link_ix ON feed_item (feed_id, link);
CREATE INDEX feed_item_feed_hash_ix ON feed_item (feed_id, content_hash);
-- Items a feed showed that Herald could not take (no title, undecodable text, ...), counted over the feed's life.
ALTER TABLE feed ADD COLUMN items_skipped INTEGER NOT NULL DEFAULT 0;
-- Real headlines pass 300 characters; 1000 protects storage without refusing one.
ALTER TABLE article ALTER COLUMN title SET DATA TYPE VARCHAR(1000);
