package io.herald.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;

import io.herald.common.Refusal;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Turns raw input into a stored article: checks size and encoding, reads it, stores it once, and announces it
 * (the social package composes teasers on that event).
 */
@ApplicationScoped
public class ArticleIngest {

    private final PlainTextArticleReader reader = new PlainTextArticleReader();
    private final HtmlArticleReader html = new HtmlArticleReader();
    private final MarkdownArticleReader markdown = new MarkdownArticleReader();
    private final ArticleStore store;
    private final ArticlesConfig articlesConfig;
    private final Clock clock;
    private final Event<ArticleStored> stored;
    private final Event<ArticleUpdated> updated;

    ArticleIngest(
            ArticleStore store,
            ArticlesConfig articlesConfig,
            Clock clock,
            Event<ArticleStored> stored,
            Event<ArticleUpdated> updated) {
        this.updated = updated;
        this.store = store;
        this.articlesConfig = articlesConfig;
        this.clock = clock;
        this.stored = stored;
    }

    /** Plain text in the newsroom's shape, as bytes off the wire. */
    public ArticleStore.Stored ingestText(byte[] body) throws SQLException {
        return store(reader.read(decode("body", body)));
    }

    /** An HTML page or fragment, as bytes off the wire. */
    public ArticleStore.Stored ingestHtml(byte[] body) throws SQLException {
        String text = decode("body", body);
        if (text.isBlank()) {
            throw Refusal.invalid("body", "the request has no HTML body");
        }
        return store(html.readPage(text, ArticleMeta.NONE));
    }

    /** Markdown with front matter, as bytes off the wire. */
    public ArticleStore.Stored ingestMarkdown(byte[] body) throws SQLException {
        String text = decode("body", body);
        if (text.isBlank()) {
            throw Refusal.invalid("body", "the request has no Markdown body");
        }
        return store(markdown.read(text));
    }

    /** An article read from a feed item: stored once; the caller keeps track of which item it was. */
    public ArticleStore.Stored ingestRead(Article article) throws SQLException {
        checkSize("body", String.join("\n\n", article.paragraphs()).getBytes(StandardCharsets.UTF_8).length);
        return store(article);
    }

    /** A feed item changed: the stored article takes its new content; it is not sent again. */
    public Article update(long id, Article changed) throws SQLException {
        Article updated = store.update(id, changed.withLanguageSettled());
        Log.infof("Updated article %d \"%s\" from its source", id, updated.title());
        this.updated.fire(new ArticleUpdated(updated));
        return updated;
    }

    /** A title, a plain-text body and an optional canonical URL. */
    public ArticleStore.Stored ingest(String title, String body, String url) throws SQLException {
        checkSize("body", body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
        if (body != null && body.indexOf('\0') >= 0) {
            throw new Refusal(
                    Refusal.Kind.NOT_TEXT, "body", "the body contains NUL characters: binary data is not an article");
        }
        if (url != null && !url.isBlank() && !url.strip().matches("(?i)https?://\\S+")) {
            throw Refusal.invalid("url", "the url must be an absolute http(s) URL");
        }
        return store(reader.read(title, body, url));
    }

    private ArticleStore.Stored store(Article read) throws SQLException {
        Article article = read.withLanguageSettled();
        ArticleStore.Stored result = store.insertOrFind(article, clock.instant());
        if (result.created()) {
            Log.infof(
                    "Stored article %d \"%s\" (language %s, channels %s)",
                    result.article().id(),
                    result.article().title(),
                    result.article().language(),
                    result.article().hasCallToAction() ? result.article().cta().channels() : "none");
            stored.fire(new ArticleStored(result.article()));
        }
        return result;
    }

    private String decode(String field, byte[] bytes) {
        checkSize(field, bytes.length);
        for (byte b : bytes) {
            if (b == 0) {
                throw new Refusal(
                        Refusal.Kind.NOT_TEXT, field, "the body contains NUL bytes: binary data is not an article");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(Refusal.Kind.NOT_TEXT, field, "the body is not valid UTF-8 text");
        }
    }

    private void checkSize(String field, int bytes) {
        if (bytes > articlesConfig.articles().maxBytes()) {
            throw new Refusal(
                    Refusal.Kind.TOO_LARGE,
                    field,
                    "the body is " + bytes + " bytes; the limit is "
                            + articlesConfig.articles().maxBytes());
        }
    }

    /** Fired once per newly stored article. */
    public record ArticleStored(Article article) {}

    /** Fired when a stored article's content changed (a feed updated the item). */
    public record ArticleUpdated(Article article) {}
}
