package io.herald.social.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.social.SocialConfig;
import io.herald.social.card.CardsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which way each channel's posts go: the webhook for channels listed in herald.social.webhook-channels, the
 * platform's API where Herald has a publisher and its credentials are set, and otherwise the manual queue, with the
 * reason (YouTube community posts and WhatsApp channels have no API; Instagram and TikTok take nothing without the
 * article's card).
 */
@ApplicationScoped
public class Publishers {

    private static final Map<String, String> NO_API = Map.of(
            "youtube", "YouTube has no API for community posts",
            "whatsapp", "WhatsApp channels have no posting API");

    /** Channels that take no post without an image: by hand when cards are off. */
    private static final Map<String, String> MEDIA_ONLY = Map.of(
            "instagram", "Instagram takes no post without an image, and cards are off (herald.cards.enabled)",
            "tiktok", "TikTok takes no post without a photo or video, and cards are off (herald.cards.enabled)");

    private final Map<String, Publisher> byChannel;
    private final boolean cardsOn;
    private final WebhookPublisher webhook;
    private final List<String> webhookChannels;

    Publishers(
            TelegramPublisher telegram,
            MastodonPublisher mastodon,
            BlueskyPublisher bluesky,
            XPublisher x,
            FacebookPublisher facebook,
            LinkedinPublisher linkedin,
            InstagramPublisher instagram,
            ThreadsPublisher threads,
            TiktokPublisher tiktok,
            WebhookPublisher webhook,
            SocialConfig socialConfig,
            CardsConfig cardsConfig) {
        this.cardsOn = cardsConfig.enabled();
        this.byChannel = Map.of(
                "telegram",
                telegram,
                "mastodon",
                mastodon,
                "bluesky",
                bluesky,
                "x",
                x,
                "facebook",
                facebook,
                "linkedin",
                linkedin,
                "instagram",
                instagram,
                "threads",
                threads,
                "tiktok",
                tiktok);
        this.webhook = webhook;
        this.webhookChannels = socialConfig.webhookChannels().orElse(List.of());
    }

    /** The route for a channel: a publisher, or empty with the reason a person has to post it. */
    public Route routeFor(String channel) {
        if (webhookChannels.contains(channel)) {
            return webhook.configured()
                    ? Route.api(webhook)
                    : Route.manual("the webhook is not configured (" + webhook.missingConfiguration() + ")");
        }
        if (!cardsOn && MEDIA_ONLY.containsKey(channel)) {
            return Route.manual(MEDIA_ONLY.get(channel));
        }
        Publisher publisher = byChannel.get(channel);
        if (publisher == null) {
            return Route.manual(NO_API.getOrDefault(channel, "no publisher for " + channel));
        }
        return publisher.configured()
                ? Route.api(publisher)
                : Route.manual("no credentials configured (" + publisher.missingConfiguration() + ")");
    }

    public Optional<Publisher> byId(String id) {
        return "webhook".equals(id) ? Optional.of(webhook) : Optional.ofNullable(byChannel.get(id));
    }

    /** Where a channel's posts go: through {@code publisher}, or by hand for {@code reason}. */
    public record Route(Publisher publisher, String reason) {
        static Route api(Publisher publisher) {
            return new Route(publisher, null);
        }

        static Route manual(String reason) {
            return new Route(null, reason);
        }

        public boolean manual() {
            return publisher == null;
        }

        public String name() {
            return publisher == null ? "manual" : publisher.id();
        }
    }
}
