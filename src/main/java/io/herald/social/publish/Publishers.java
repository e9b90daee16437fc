package io.herald.social.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which way each channel's posts go: the webhook for channels listed in herald.social.webhook-channels, the
 * platform's API where Herald has a publisher and its credentials are set, and otherwise the manual queue, with the
 * reason (Instagram needs media, TikTok video, YouTube community posts and WhatsApp channels have no text API).
 */
@ApplicationScoped
public class Publishers {

    private static final Map<String, String> NO_TEXT_API = Map.of(
            "instagram", "Instagram publishes media only, no text posts",
            "tiktok", "TikTok publishes video only",
            "youtube", "YouTube has no API for community posts",
            "whatsapp", "WhatsApp channels have no posting API",
            "threads", "Herald has no Threads publisher yet; use the webhook or post by hand");

    private final Map<String, Publisher> byChannel;
    private final WebhookPublisher webhook;
    private final List<String> webhookChannels;

    Publishers(
            TelegramPublisher telegram,
            MastodonPublisher mastodon,
            BlueskyPublisher bluesky,
            XPublisher x,
            FacebookPublisher facebook,
            LinkedinPublisher linkedin,
            WebhookPublisher webhook,
            SocialConfig socialConfig) {
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
                linkedin);
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
        Publisher publisher = byChannel.get(channel);
        if (publisher == null) {
            return Route.manual(NO_TEXT_API.getOrDefault(channel, "no publisher for " + channel));
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
