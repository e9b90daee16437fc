package io.herald.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.herald.common.Refusal;
import io.herald.social.Cards;
import io.herald.social.Channel;
import io.herald.social.card.CardChoices;
import io.herald.social.card.CardFormat;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An article's cards for editors: each format's address, what could not be drawn as asked, the alt text, and the
 * editor's choices (another photo, no photo, channels that post without a card).
 */
@Path("/api/articles/{id}/cards")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class CardChoiceResource {

    /** One card as the API shows it. */
    public record CardJson(String format, int width, int height, String png, String jpg, List<String> problems) {}

    /** The cards and the choices behind them. */
    public record CardsJson(
            String alt, String photoUrl, boolean noPhoto, Set<String> channelsOff, List<CardJson> cards) {}

    /** A change: null fields stay as they are. */
    public record CardsEdit(String photoUrl, Boolean noPhoto, List<String> channelsOff) {}

    private final Cards cards;
    private final AuditNotes audit;
    private final Staff staff;

    CardChoiceResource(Cards cards, AuditNotes audit, Staff staff) {
        this.cards = cards;
        this.audit = audit;
        this.staff = staff;
    }

    @GET
    public CardsJson list(@PathParam("id") long id) throws SQLException {
        List<CardJson> list = new ArrayList<>();
        for (var status : cards.statuses(id).entrySet()) {
            CardFormat format = status.getKey();
            String etag = status.getValue().etag();
            list.add(new CardJson(
                    format.id(),
                    format.width(),
                    format.height(),
                    cards.publicUrl(id, format, "png", etag),
                    cards.publicUrl(id, format, "jpg", etag),
                    status.getValue().problems()));
        }
        CardChoices.Choice choice = cards.choice(id);
        return new CardsJson(cards.altText(id), choice.photoUrl(), choice.noPhoto(), choice.channelsOff(), list);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("card.choose")
    public CardsJson choose(@PathParam("id") long id, CardsEdit edit) throws SQLException {
        if (edit == null) {
            throw Refusal.invalid("photoUrl", "send {\"photoUrl\", \"noPhoto\", \"channelsOff\"}");
        }
        CardChoices.Choice before = cards.choice(id);
        String photo =
                edit.photoUrl() == null ? before.photoUrl() : edit.photoUrl().strip();
        if (photo != null && photo.isEmpty()) {
            photo = null; // an empty address goes back to the article's own photo
        }
        if (photo != null) {
            String url = photo;
            cards.photoRefusal(url).ifPresent(reason -> {
                throw new Refusal(Refusal.Kind.UNPROCESSABLE, "photoUrl", "the photo cannot be used: " + reason);
            });
        }
        Set<String> off = new TreeSet<>(before.channelsOff());
        if (edit.channelsOff() != null) {
            off.clear();
            for (String channel : edit.channelsOff()) {
                if (channel == null || Channel.byId(channel).isEmpty()) {
                    throw new Refusal(Refusal.Kind.UNPROCESSABLE, "channelsOff", "no channel " + channel);
                }
                off.add(channel);
            }
        }
        boolean noPhoto = edit.noPhoto() == null ? before.noPhoto() : edit.noPhoto();
        CardChoices.Choice after = new CardChoices.Choice(photo, noPhoto, off);
        cards.choose(id, after, staff.name());
        audit.target("article " + id + " cards")
                .change("photoUrl", before.photoUrl(), after.photoUrl())
                .change("noPhoto", before.noPhoto(), after.noPhoto())
                .change("channelsOff", before.channelsOff(), after.channelsOff());
        return list(id);
    }
}
