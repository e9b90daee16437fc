package io.herald.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.herald.social.Cards;
import io.herald.social.card.CardChoices;
import io.herald.social.card.CardFormat;

/**
 * The cards as the preview shows them: each format's image (addressed by its fingerprint, so an edited layout or
 * choice shows at once), what could not be drawn as asked, the alt text, and the editor's choices.
 *
 * @param enabled whether Herald makes cards (herald.cards.enabled)
 * @param formats every format, in the order portrait, landscape, story
 * @param byChannel the image each channel posts, or none when the editor turned its card off
 * @param alt the description posted with the cards
 * @param choice the editor's choices
 */
public record PreviewCards(
        boolean enabled, List<Shown> formats, Map<String, Shown> byChannel, String alt, CardChoices.Choice choice) {

    /** One card: its name, size, image address and problems. */
    public record Shown(String format, int width, int height, String src, List<String> problems) {
        public String download() {
            return src.replace(".png?", ".jpg?");
        }
    }

    static PreviewCards of(Cards cards, long articleId, List<String> channels) throws SQLException {
        if (!cards.enabled()) {
            return new PreviewCards(false, List.of(), Map.of(), "", CardChoices.Choice.NONE);
        }
        Map<CardFormat, Shown> shown = new java.util.EnumMap<>(CardFormat.class);
        List<Shown> formats = new ArrayList<>();
        for (var status : cards.statuses(articleId).entrySet()) {
            CardFormat format = status.getKey();
            Shown s = new Shown(
                    format.id(),
                    format.width(),
                    format.height(),
                    "/cards/" + articleId + "/" + format.id() + ".png?v="
                            + status.getValue().etag().substring(0, 12),
                    status.getValue().problems());
            shown.put(format, s);
            formats.add(s);
        }
        CardChoices.Choice choice = cards.choice(articleId);
        Map<String, Shown> byChannel = new TreeMap<>();
        for (String channel : channels) {
            if (choice.cardFor(channel)) {
                byChannel.put(channel, shown.get(CardFormat.forChannel(channel)));
            }
        }
        return new PreviewCards(true, formats, byChannel, cards.altText(articleId), choice);
    }

    /** Whether a channel posts with its card (for the checkboxes of the form). */
    public boolean on(String channel) {
        return byChannel.containsKey(channel);
    }

    public Shown forChannel(String channel) {
        return byChannel.get(channel);
    }
}
