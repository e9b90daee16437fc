package io.herald.web;

import java.sql.SQLException;

import io.herald.common.Refusal;
import io.herald.social.Cards;
import io.herald.social.card.CardFormat;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * An article's image cards, public (platforms fetch them for Instagram, Threads and TikTok posts, and for the
 * og:image of Herald's pages): /cards/{article}/{portrait|landscape|story}.{png|jpg}. Drawn once and kept; the ETag
 * is the card's fingerprint, so a conditional request costs no drawing and no image read.
 */
@Path("/cards")
@PermitAll
public class CardResource {

    private final Cards cards;

    CardResource(Cards cards) {
        this.cards = cards;
    }

    @GET
    @Path("{article}/{format}.{ext}")
    public Response card(
            @PathParam("article") long article,
            @PathParam("format") String formatId,
            @PathParam("ext") String ext,
            @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        CardFormat format = CardFormat.byId(formatId)
                .orElseThrow(() -> Refusal.notFound(
                        "format", "no card format " + formatId + "; there are portrait, landscape and story"));
        boolean png = ext.equals("png");
        if (!png && !ext.equals("jpg") && !ext.equals("jpeg")) {
            throw Refusal.notFound("format", "cards are .png or .jpg, not ." + ext);
        }
        if (!cards.enabled()) {
            throw Refusal.notFound("format", "cards are turned off (herald.cards.enabled)");
        }
        String etag = cards.etag(article, format) + (png ? "-png" : "-jpg");
        EntityTag tag = new EntityTag(etag);
        if (ifNoneMatch != null && ifNoneMatch.replace("W/", "").contains("\"" + etag + "\"")) {
            return Response.notModified(tag)
                    .header("Cache-Control", "public, max-age=300")
                    .build();
        }
        Cards.Card card = cards.card(article, format);
        return Response.ok(png ? card.png() : card.jpeg(), png ? "image/png" : "image/jpeg")
                .tag(new EntityTag(card.etag() + (png ? "-png" : "-jpg")))
                .header("Cache-Control", "public, max-age=300")
                .header(
                        "Content-Disposition",
                        "inline; filename=\"article-" + article + "-" + format.id() + "." + (png ? "png" : "jpg")
                                + "\"")
                .build();
    }
}
