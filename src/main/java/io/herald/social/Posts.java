package io.herald.social;

import java.sql.SQLException;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.article.Photo;
import io.herald.social.publish.Post;
import jakarta.enterprise.context.ApplicationScoped;

/** What a publisher is given for an outbox row: the teaser's text with the article's title, link and photo. */
@ApplicationScoped
class Posts {

    private final ArticleStore articles;
    private final TeaserComposer composer;

    Posts(ArticleStore articles, TeaserComposer composer) {
        this.articles = articles;
        this.composer = composer;
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
                row.idempotencyKey(),
                row.createdAt());
    }
}
