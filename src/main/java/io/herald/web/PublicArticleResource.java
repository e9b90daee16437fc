package io.herald.web;

import java.sql.SQLException;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.insight.ClickCounts;
import io.herald.social.Cards;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Herald's public copy of an article: where email and teaser links point when the newsroom gave no URL. */
@Path("/articles")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicArticleResource {

    private final ArticleStore store;
    private final ClickCounts counts;
    private final Cards cards;
    private final HeraldConfig config;

    PublicArticleResource(ArticleStore store, ClickCounts counts, Cards cards, HeraldConfig config) {
        this.store = store;
        this.counts = counts;
        this.cards = cards;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance article(Article article, OpenGraph og);
    }

    @GET
    @Path("{id}")
    public TemplateInstance article(
            @PathParam("id") long id, @QueryParam("utm_source") String source, @QueryParam("utm_medium") String medium)
            throws SQLException {
        Article article = store.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id));
        // A teaser's link (utm_medium=social, utm_source=<channel>): the visit counts for that channel.
        if ("social".equals(medium) && source != null && source.matches("[a-z0-9-]{1,40}")) {
            counts.arrival(id, source);
        }
        String page = PlatformUrls.trim(config.publicUrl()) + "/articles/" + id;
        return Templates.article(
                        article,
                        OpenGraph.of(cards, article, page, config.publication().name()))
                .setLocale(article.language());
    }
}
