package io.herald.social;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.config.HeraldConfig;
import io.herald.social.card.CardFormat;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a person needs to post by hand what Herald cannot (YouTube community posts, WhatsApp channels, a platform
 * whose credentials are not set): the text to copy, the card to download, and a link that opens the platform's
 * composer, with the text already in it where the platform takes it in the address.
 */
@ApplicationScoped
public class ManualPosting {

    /** One manual post, ready for a person. */
    public record Manual(long postId, String text, String cardUrl, String composerUrl, String composerName) {}

    private final TeaserStore teasers;
    private final Cards cards;
    private final HeraldConfig herald;
    private final SocialConfig social;

    ManualPosting(TeaserStore teasers, Cards cards, HeraldConfig herald, SocialConfig social) {
        this.teasers = teasers;
        this.cards = cards;
        this.herald = herald;
        this.social = social;
    }

    /** The manual posts among {@code posts}, by post id. */
    public Map<Long, Manual> of(List<OutboxPost> posts) throws SQLException {
        Map<Long, Manual> manual = new LinkedHashMap<>();
        for (OutboxPost p : posts) {
            if (!OutboxPost.MANUAL.equals(p.state())) {
                continue;
            }
            String text = p.text() != null
                    ? p.text()
                    : teasers.find(p.articleId(), p.channel()).map(Teaser::text).orElse("");
            String card = cards.enabled() && cards.choice(p.articleId()).cardFor(p.channel())
                    ? "/cards/" + p.articleId() + "/"
                            + CardFormat.forChannel(p.channel()).id() + ".jpg"
                    : null;
            manual.put(p.id(), new Manual(p.id(), text, card, composer(p.channel(), text), composerName(p.channel())));
        }
        return manual;
    }

    /** The platform's composer: a share intent that takes the text, else the page where posts are written. */
    String composer(String channel, String text) {
        String t = URLEncoder.encode(text, StandardCharsets.UTF_8);
        String profile = herald.publication().channelUrls().getOrDefault(channel, "");
        return switch (channel) {
            case "x" -> "https://x.com/intent/post?text=" + t;
            case "bluesky" -> "https://bsky.app/intent/compose?text=" + t;
            case "threads" -> "https://www.threads.net/intent/post?text=" + t;
            case "telegram" -> "https://t.me/share/url?text=" + t;
            case "linkedin" -> "https://www.linkedin.com/feed/?shareActive=true&text=" + t;
            case "facebook" -> profile.isEmpty() ? "https://www.facebook.com/" : profile;
            case "mastodon" ->
                social.mastodon()
                        .instanceUrl()
                        .map(i -> trim(i) + "/share?text=" + t)
                        .orElse("https://joinmastodon.org/");
            // YouTube writes community posts on the channel's Posts tab ("Create a post").
            case "youtube" -> profile.isEmpty() ? "https://studio.youtube.com/" : trim(profile) + "/posts";
            case "instagram" -> profile.isEmpty() ? "https://www.instagram.com/" : profile;
            case "tiktok" -> "https://www.tiktok.com/upload";
            case "whatsapp" -> profile.isEmpty() ? "https://web.whatsapp.com/" : profile;
            default -> profile;
        };
    }

    static String composerName(String channel) {
        return switch (channel) {
            case "youtube" -> "the channel's Posts tab";
            case "tiktok" -> "TikTok's upload page";
            case "x", "bluesky", "threads", "telegram", "linkedin", "mastodon" -> "the composer with the text";
            default -> "the page to post on";
        };
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
