package io.herald.article;

import java.time.Instant;
import java.util.List;

/**
 * One article as Herald understands it: sanitised text split into paragraphs, photo captions taken out of the
 * body, and the call-to-action footer parsed. {@code id} is null until the article is stored.
 */
public record Article(
        Long id,
        String title,
        String dateline,
        List<String> paragraphs,
        List<Photo> photos,
        CallToAction cta,
        String url,
        String contentHash,
        Instant createdAt,
        ArticleMeta meta) {

    public Article {
        paragraphs = List.copyOf(paragraphs);
        photos = List.copyOf(photos);
        meta = meta == null ? ArticleMeta.NONE : meta;
    }

    public Article(
            Long id,
            String title,
            String dateline,
            List<String> paragraphs,
            List<Photo> photos,
            CallToAction cta,
            String url,
            String contentHash,
            Instant createdAt) {
        this(id, title, dateline, paragraphs, photos, cta, url, contentHash, createdAt, ArticleMeta.NONE);
    }

    public Article stored(long newId, Instant at) {
        return new Article(newId, title, dateline, paragraphs, photos, cta, url, contentHash, at, meta);
    }

    public Article withMeta(ArticleMeta newMeta) {
        return new Article(id, title, dateline, paragraphs, photos, cta, url, contentHash, createdAt, newMeta);
    }

    public List<String> tags() {
        return meta.tags();
    }

    /** The image teasers and the email lead with: the featured image, else the first photo that has one. */
    public java.util.Optional<Photo> image() {
        if (meta.image() != null && meta.image().hasImage()) {
            return java.util.Optional.of(meta.image());
        }
        return photos.stream().filter(Photo::hasImage).findFirst();
    }

    /** The first paragraph: what teasers and preheaders lead with. */
    public String lead() {
        return paragraphs.isEmpty() ? "" : paragraphs.get(0);
    }

    /** The lead without its dateline ("ASTANA – "), for places where the dateline reads oddly. */
    public String leadWithoutDateline() {
        return Datelines.strip(lead());
    }

    /**
     * The article's language (BCP 47 language, "ru"): as its source declared it, else as its text reads
     * ({@link ArticleLanguages}), else "en".
     */
    public String language() {
        return ArticleLanguages.of(this).orElse("en");
    }

    /** The same article with its language settled (declared, else detected), as it is stored. */
    public Article withLanguageSettled() {
        return meta.language() != null
                ? this
                : ArticleLanguages.of(this)
                        .map(l -> withMeta(meta.withLanguage(l)))
                        .orElse(this);
    }

    public boolean hasCallToAction() {
        return cta != null;
    }
}
