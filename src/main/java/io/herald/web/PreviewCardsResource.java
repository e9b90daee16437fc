package io.herald.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.herald.common.Refusal;
import io.herald.social.Cards;
import io.herald.social.TeaserStore;
import io.herald.social.card.CardChoices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The preview's card form: another photo (an address), no photo, and which channels post with the card. A photo
 * address the fetching rules refuse is named on the page, and nothing is saved.
 */
@Path("/preview/articles/{id}/cards")
@RolesAllowed("editor")
public class PreviewCardsResource {

    private final Cards cards;
    private final TeaserStore teasers;
    private final AuditNotes audit;
    private final Staff staff;
    private final PreviewResource preview;

    PreviewCardsResource(Cards cards, TeaserStore teasers, AuditNotes audit, Staff staff, PreviewResource preview) {
        this.preview = preview;
        this.cards = cards;
        this.teasers = teasers;
        this.audit = audit;
        this.staff = staff;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("card.choose")
    public Response choose(
            @PathParam("id") long id,
            @FormParam("photoUrl") String photoUrl,
            @FormParam("noPhoto") String noPhoto,
            @FormParam("card") List<String> withCard,
            @FormParam("list") String listId)
            throws Exception {
        String photo = photoUrl == null || photoUrl.isBlank() ? null : photoUrl.strip();
        String back = "/preview/articles/" + id + (listId == null ? "?" : "?list=" + enc(listId) + "&");
        if (photo != null) {
            var refusal = cards.photoRefusal(photo);
            if (refusal.isPresent()) {
                PreviewResource.Notice notice =
                        new PreviewResource.Notice(null, "The photo cannot be used: " + refusal.get(), "cards", photo);
                return Response.status(422)
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(preview.page(id, listId, notice))
                        .build();
            }
        }
        Set<String> off = new TreeSet<>();
        for (var teaser : teasers.forArticle(id)) {
            if (withCard == null || !withCard.contains(teaser.channel())) {
                off.add(teaser.channel());
            }
        }
        if (teasers.forArticle(id).isEmpty()) {
            throw Refusal.notFound("id", "no article " + id);
        }
        CardChoices.Choice before = cards.choice(id);
        CardChoices.Choice after = new CardChoices.Choice(photo, "on".equals(noPhoto), off);
        cards.choose(id, after, staff.name());
        audit.target("article " + id + " cards")
                .change("photoUrl", before.photoUrl(), after.photoUrl())
                .change("noPhoto", before.noPhoto(), after.noPhoto())
                .change("channelsOff", before.channelsOff(), after.channelsOff());
        return Response.seeOther(URI.create(back + "saved=cards#cards")).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
