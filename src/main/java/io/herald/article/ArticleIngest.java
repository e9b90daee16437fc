package io.herald.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;

import io.herald.config.HeraldConfig;
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
    private final ArticleStore store;
    private final HeraldConfig config;
    private final Clock clock;
    private final Event<ArticleStored> stored;

    ArticleIngest(ArticleStore store, HeraldConfig config, Clock clock, Event<ArticleStored> stored) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.stored = stored;
    }

    /** Plain text in the newsroom's shape, as bytes off the wire. */
    public ArticleStore.Stored ingestText(byte[] body) throws SQLException {
        return store(reader.read(decode("body", body)));
    }

    /** A title, a plain-text body and an optional canonical URL. */
    public ArticleStore.Stored ingest(String title, String body, String url) throws SQLException {
        checkSize("body", body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
        if (body != null && body.indexOf('\0') >= 0) {
            throw new ArticleValidationException("body", "the body contains NUL characters: binary data is not an article", 415);
        }
        if (url != null && !url.isBlank() && !url.strip().matches("(?i)https?://\\S+")) {
            throw new ArticleValidationException("url", "the url must be an absolute http(s) URL");
        }
        return store(reader.read(title, body, url));
    }

    private ArticleStore.Stored store(Article article) throws SQLException {
        ArticleStore.Stored result = store.insertOrFind(article, clock.instant());
        if (result.created()) {
            Log.infof("Stored article %d \"%s\" (channels %s)", result.article().id(), result.article().title(),
                    result.article().hasCallToAction() ? result.article().cta().channels() : "none");
            stored.fire(new ArticleStored(result.article()));
        }
        return result;
    }

    private String decode(String field, byte[] bytes) {
        checkSize(field, bytes.length);
        for (byte b : bytes) {
            if (b == 0) {
                throw new ArticleValidationException(field, "the body contains NUL bytes: binary data is not an article", 415);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ArticleValidationException(field, "the body is not valid UTF-8 text", 415);
        }
    }

    private void checkSize(String field, int bytes) {
        if (bytes > config.articles().maxBytes()) {
            throw new ArticleValidationException(field,
                    "the body is " + bytes + " bytes; the limit is " + config.articles().maxBytes(), 413);
        }
    }

    /** Fired once per newly stored article. */
    public record ArticleStored(Article article) {
    }
}
