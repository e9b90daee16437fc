package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Instagram Graph API content publishing
 * (https://developers.facebook.com/docs/instagram-platform/content-publishing): POST /{ig-user-id}/media with
 * image_url (the card's public JPEG: Instagram takes JPEG only and fetches it itself), caption and alt_text; GET
 * /{container}?fields=status_code until FINISHED; POST /{ig-user-id}/media_publish with creation_id. Instagram takes
 * no post without an image. A lost publish answer is settled by the account's recent media
 * (GET /{ig-user-id}/media?fields=id,caption,permalink), matched by caption ({@link Recovery#LOOKUP}).
 */
@ApplicationScoped
public class InstagramPublisher implements Publisher {

    private final SocialConfig.Instagram config;
    private final PlatformHttp http;

    InstagramPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.instagram();
        this.http = http;
    }

    @Override
    public String id() {
        return "instagram";
    }

    @Override
    public boolean configured() {
        return config.userId().isPresent() && config.accessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.instagram.user-id and herald.social.instagram.access-token";
    }

    @Override
    public Recovery recovery() {
        return Recovery.LOOKUP;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        if (!post.hasMedia()) {
            throw PublishFailure.permanent(
                    "Instagram takes no post without an image; turn the article's card on for Instagram");
        }
        MetaContainers meta = containers();
        String user = config.userId().orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("image_url", post.media().publicUrl());
        fields.put("caption", post.text());
        fields.put("alt_text", post.media().alt());
        return meta.publish(user + "/media", fields, user + "/media_publish");
    }

    @Override
    public Optional<Published> lookup(Post post) throws PublishFailure {
        return containers().recent(config.userId().orElseThrow() + "/media", "caption", post.text());
    }

    private MetaContainers containers() {
        return new MetaContainers(
                http, "Instagram", config.graphUrl(), config.accessToken().orElseThrow(), "status_code");
    }
}
