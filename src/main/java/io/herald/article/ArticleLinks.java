package io.herald.article;

import io.herald.config.HeraldConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Where readers find an article: its canonical URL, or Herald's public copy when the newsroom gave none. */
@ApplicationScoped
public class ArticleLinks {

    private final HeraldConfig config;

    ArticleLinks(HeraldConfig config) {
        this.config = config;
    }

    public String articleUrl(Article article) {
        return article.url() != null ? article.url() : publicUrl("/articles/" + article.id());
    }

    /** An absolute URL on Herald's public site. */
    public String publicUrl(String path) {
        String base = config.publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
