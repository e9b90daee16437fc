package io.herald.web;

import java.sql.SQLException;

import io.herald.EditionPreview;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.social.Cards;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public archive: each edition's web copy, where an email's "view in browser" link points. */
@Path("/editions")
@PermitAll
public class EditionPageResource {

    private final EditionPreview editionPreview;
    private final Cards cards;
    private final HeraldConfig config;

    EditionPageResource(EditionPreview editionPreview, Cards cards, HeraldConfig config) {
        this.editionPreview = editionPreview;
        this.cards = cards;
        this.config = config;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response edition(@PathParam("id") long id) throws SQLException {
        String html = editionPreview.editionPage(id).orElseThrow(() -> Refusal.notFound("id", "no edition " + id));
        // Shared links show the lead article's card (Open Graph and Twitter tags in the page's head).
        var lead = editionPreview.leadArticle(id);
        if (lead.isPresent()) {
            String page = PlatformUrls.trim(config.publicUrl()) + "/editions/" + id;
            html = OpenGraph.of(cards, lead.get(), page, config.publication().name())
                    .into(html);
        }
        // The page is the email itself: no script of ours or anyone's runs on it.
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'")
                .build();
    }
}
