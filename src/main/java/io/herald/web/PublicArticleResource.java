package io.herald.web;

import java.sql.SQLException;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Herald's public copy of an article: where email and teaser links point when the newsroom gave no URL. */
@Path("/articles")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicArticleResource {

    private final ArticleStore store;

    PublicArticleResource(ArticleStore store) {
        this.store = store;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance article(Article article);
    }

    @GET
    @Path("{id}")
    public TemplateInstance article(@PathParam("id") long id) throws SQLException {
        return Templates.article(store.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id)));
    }
}
