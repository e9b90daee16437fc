package io.herald.web;

import java.time.Instant;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.Photo;

/** An article as the API shows it. */
public record ArticleJson(
        long id,
        String title,
        String dateline,
        String url,
        List<String> channels,
        CtaJson cta,
        List<String> paragraphs,
        List<Photo> photos,
        Instant createdAt,
        String author,
        List<String> tags,
        String publishedAt,
        Photo image) {

    /** The parsed call-to-action; null when the article has none. */
    public record CtaJson(String text, List<String> channels, List<String> unknownChannels, boolean websiteSignup) {}

    static ArticleJson of(Article a, List<String> channels) {
        CtaJson cta = a.cta() == null
                ? null
                : new CtaJson(
                        a.cta().text(),
                        a.cta().channels(),
                        a.cta().unknownChannels(),
                        a.cta().websiteSignup());
        return new ArticleJson(
                a.id(),
                a.title(),
                a.dateline(),
                a.url(),
                channels,
                cta,
                a.paragraphs(),
                a.photos(),
                a.createdAt(),
                a.meta().author(),
                a.tags(),
                a.meta().publishedAt() == null ? null : a.meta().publishedAt().toString(),
                a.image().orElse(null));
    }
}
