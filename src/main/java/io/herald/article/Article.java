package io.herald.article;

import java.time.Instant;
import java.util.List;

/**
 * One article as Herald understands it: sanitised text split into paragraphs, photo captions taken out of the
 * body, and the call-to-action footer parsed. {@code id} is null until the article is stored.
 */
public record Article(Long id, String title, String dateline, List<String> paragraphs, List<Photo> photos,
        CallToAction cta, String url, String contentHash, Instant createdAt) {

    public Article {
        paragraphs = List.copyOf(paragraphs);
        photos = List.copyOf(photos);
    }

    public Article stored(long newId, Instant at) {
        return new Article(newId, title, dateline, paragraphs, photos, cta, url, contentHash, at);
    }

    /** The first paragraph: what teasers and preheaders lead with. */
    public String lead() {
        return paragraphs.isEmpty() ? "" : paragraphs.get(0);
    }

    /** The lead without its dateline ("ASTANA – "), for places where the dateline reads oddly. */
    public String leadWithoutDateline() {
        return Datelines.strip(lead());
    }

    public boolean hasCallToAction() {
        return cta != null;
    }
}
