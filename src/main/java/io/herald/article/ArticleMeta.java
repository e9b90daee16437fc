package io.herald.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a source says about an article besides its text: author (RSS dc:creator, front matter), tags and categories,
 * the publication time with its offset as the source gave it, the featured image, and the channels to tease when the
 * article's own call-to-action names none (its feed's lists' default-channels). Every field may be empty.
 */
// Read back from the article table: tolerant of fields a later or earlier Herald wrote (API bodies are strict).
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleMeta(
        String author, List<String> tags, OffsetDateTime publishedAt, Photo image, List<String> defaultChannels) {

    public static final ArticleMeta NONE = new ArticleMeta(null, List.of(), null, null, List.of());

    public ArticleMeta {
        tags = tags == null ? List.of() : List.copyOf(tags);
        defaultChannels = defaultChannels == null ? List.of() : List.copyOf(defaultChannels);
    }

    public ArticleMeta(String author, List<String> tags, OffsetDateTime publishedAt, Photo image) {
        this(author, tags, publishedAt, image, List.of());
    }

    public ArticleMeta withImage(Photo newImage) {
        return new ArticleMeta(author, tags, publishedAt, newImage, defaultChannels);
    }

    public ArticleMeta withDefaultChannels(List<String> channels) {
        return new ArticleMeta(author, tags, publishedAt, image, channels);
    }
}
