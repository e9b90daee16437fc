package io.herald.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a source says about an article besides its text: author (RSS dc:creator, front matter), tags and categories,
 * the publication time with its offset as the source gave it, the featured image, and the channels to tease when the
 * article's own call-to-action names none (its feed's lists' default-channels), and its language as the source
 * declares it (feed, front matter, HTML lang) or Herald detects it. Every field may be empty.
 */
// Read back from the article table: tolerant of fields a later or earlier Herald wrote (API bodies are strict).
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleMeta(
        String author,
        List<String> tags,
        OffsetDateTime publishedAt,
        Photo image,
        List<String> defaultChannels,
        String language) {

    public static final ArticleMeta NONE = new ArticleMeta(null, List.of(), null, null, List.of(), null);

    public ArticleMeta {
        tags = tags == null ? List.of() : List.copyOf(tags);
        defaultChannels = defaultChannels == null ? List.of() : List.copyOf(defaultChannels);
        language = language == null || language.isBlank()
                ? null
                : java.util.Locale.forLanguageTag(language.strip().replace('_', '-'))
                        .getLanguage();
        language = language == null || language.isEmpty() ? null : language;
    }

    public ArticleMeta(
            String author, List<String> tags, OffsetDateTime publishedAt, Photo image, List<String> defaultChannels) {
        this(author, tags, publishedAt, image, defaultChannels, null);
    }

    public ArticleMeta(String author, List<String> tags, OffsetDateTime publishedAt, Photo image) {
        this(author, tags, publishedAt, image, List.of());
    }

    public ArticleMeta withImage(Photo newImage) {
        return new ArticleMeta(author, tags, publishedAt, newImage, defaultChannels, language);
    }

    public ArticleMeta withDefaultChannels(List<String> channels) {
        return new ArticleMeta(author, tags, publishedAt, image, channels, language);
    }

    /** The same with the article's language (BCP 47; only its language part is kept: "ru-RU" is "ru"). */
    public ArticleMeta withLanguage(String tag) {
        return new ArticleMeta(author, tags, publishedAt, image, defaultChannels, tag);
    }
}
