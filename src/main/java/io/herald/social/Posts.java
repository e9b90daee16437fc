package io.herald.social;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.article.Photo;
import io.herald.social.card.CardFormat;
import io.herald.social.publish.Media;
import io.herald.social.publish.Post;
import io.herald.social.publish.WordCut;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a publisher is given for an outbox row: the teaser's text with the article's title, link, photo and card
 * (unless cards are off, or an editor turned the card off for that channel).
 */
@ApplicationScoped
class Posts {

    /**
     * Each platform's limit on an image description, in characters: X 1,000 (media metadata), Mastodon 1,500,
     * Bluesky 2,000 (the app's limit; the record has none), LinkedIn 4,086 (Posts API altText), Instagram and
     * Threads 1,000 (alt_text); Telegram, Facebook Page photos and TikTok take none.
     */
    static final Map<String, Integer> ALT_LIMITS =
            Map.of("x", 1000, "mastodon", 1500, "bluesky", 2000, "linkedin", 4086, "instagram", 1000, "threads", 1000);

    private final ArticleStore articles;
    private final TeaserComposer composer;
    private final Cards cards;

    Posts(ArticleStore articles, TeaserComposer composer, Cards cards) {
        this.articles = articles;
        this.composer = composer;
        this.cards = cards;
    }

    /** The post of an outbox row with this text: the article's title, link (where the channel makes links clickable) and photo. */
    Post of(OutboxPost row, String text) throws SQLException {
        Article article = articles.find(row.articleId()).orElseThrow();
        Channel channel = Channel.byId(row.channel()).orElseThrow();
        Optional<Photo> image = article.image();
        return new Post(
                row.id(),
                row.articleId(),
                row.channel(),
                text,
                article.title(),
                channel.clickableLinks() ? composer.socialUrl(article, channel) : null,
                image.map(Photo::url).orElse(null),
                image.map(Photo::alt).orElse(null),
                media(article.id(), channel.id()),
                row.idempotencyKey(),
                row.createdAt());
    }

    private Media media(long articleId, String channel) throws SQLException {
        if (!cards.enabled() || !cards.choice(articleId).cardFor(channel)) {
            return null;
        }
        CardFormat format = CardFormat.forChannel(channel);
        Cards.Card card = cards.card(articleId, format);
        String alt = WordCut.cut(cards.altText(articleId), ALT_LIMITS.getOrDefault(channel, 0));
        return new Media(
                card.jpeg(),
                "image/jpeg",
                cards.publicUrl(articleId, format, "jpg"),
                alt,
                format.width(),
                format.height());
    }
}
