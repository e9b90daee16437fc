package io.herald.feed;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleIngest;
import io.herald.article.ArticleMeta;
import io.herald.article.ArticleStore;
import io.herald.article.HtmlArticleReader;
import io.herald.article.Photo;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One item of a feed, as an article: new, updated or unchanged. An item is recognised by its GUID within the feed,
 * then by its link, then by its content (the article hash): a feed that repeats or reorders items makes no second
 * article, and another feed's item never rewrites this one's. An item whose content changed updates its article (for
 * preview and any send not yet made) and is never sent again.
 */
@ApplicationScoped
class FeedItems {

    private final FeedStore feeds;
    private final ArticleIngest ingest;
    private final ArticleStore articles;
    private final HtmlArticleReader reader = new HtmlArticleReader();

    FeedItems(FeedStore feeds, ArticleIngest ingest, ArticleStore articles) {
        this.feeds = feeds;
        this.ingest = ingest;
        this.articles = articles;
    }

    enum What {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    record Taken(What what, long articleId) {}

    /** An item Herald does not take, with the feed's reason. */
    static final class SkippedItem extends RuntimeException {
        SkippedItem(String reason) {
            super(reason, null, false, false);
        }
    }

    Taken take(Feed feed, FeedEntry entry, List<String> defaults, Instant now) throws SQLException {
        if (entry.title() == null || entry.title().isBlank()) {
            throw new SkippedItem("item has no title");
        }
        if (entry.title().indexOf('\uFFFD') >= 0 || entry.html().indexOf('\uFFFD') >= 0) {
            throw new SkippedItem("item has characters that could not be decoded (U+FFFD): the feed's encoding "
                    + "does not match its bytes");
        }
        ArticleMeta meta = new ArticleMeta(
                entry.author(),
                entry.tags(),
                entry.publishedAt(),
                entry.imageUrl() == null ? null : new Photo(null, null, entry.imageUrl(), entry.imageAlt()),
                defaults,
                entry.language());
        Article article = reader.read(entry.title(), entry.html(), entry.link(), meta);
        String itemHash = itemHash(article);
        Optional<FeedStore.Item> known = entry.guid() == null && entry.link() == null
                ? feeds.findItemByContent(feed.id(), itemHash)
                : feeds.findItem(feed.id(), entry.guid(), entry.link());
        if (known.isPresent()) {
            long id = known.get().articleId();
            if (known.get().contentHash().equals(itemHash)) {
                return new Taken(What.UNCHANGED, id);
            }
            feeds.itemChanged(known.get().id(), itemHash, now);
            Optional<Article> sameText = articles.findByHash(article.contentHash());
            if (sameText.isEmpty() || sameText.get().id() == id) {
                ingest.update(id, article);
            }
            return new Taken(What.UPDATED, id);
        }
        ArticleStore.Stored stored = ingest.ingestRead(article);
        feeds.addItem(
                feed.id(),
                entry.guid(),
                entry.link(),
                itemHash,
                stored.article().id(),
                now);
        return new Taken(
                stored.created() ? What.CREATED : What.UNCHANGED,
                stored.article().id());
    }

    /**
     * What makes an item "changed": its text (the article's hash) and what a reader sees besides it (photos,
     * captions, featured image, tags, author, date).
     */
    private static String itemHash(Article article) {
        String extra = article.photos() + "|" + article.meta().image() + "|" + article.tags() + "|"
                + article.meta().author() + "|" + article.meta().publishedAt() + "|" + article.url();
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(article.contentHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
