package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Threads API (https://developers.facebook.com/docs/threads/posts): POST /{threads-user-id}/threads with
 * media_type IMAGE, image_url (the card's public JPEG), text and alt_text, or media_type TEXT when the article's
 * card is off for Threads; GET /{container}?fields=status until FINISHED; POST /{threads-user-id}/threads_publish
 * with creation_id. A lost publish answer is settled by the account's recent threads
 * (GET /{threads-user-id}/threads?fields=id,text,permalink), matched by text ({@link Recovery#LOOKUP}).
 */
@ApplicationScoped
public class ThreadsPublisher implements Publisher {

    private final SocialConfig.Threads config;
    private final PlatformHttp http;

    ThreadsPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.threads();
        this.http = http;
    }

    @Override
    public String id() {
        return "threads";
    }

    @Override
    public boolean configured() {
        return config.userId().isPresent() && config.accessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.threads.user-id and herald.social.threads.access-token";
    }

    @Override
    public Recovery recovery() {
        return Recovery.LOOKUP;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        MetaContainers meta = containers();
        String user = config.userId().orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        if (post.hasMedia()) {
            fields.put("media_type", "IMAGE");
            fields.put("image_url", post.media().publicUrl());
            fields.put("alt_text", post.media().alt());
        } else {
            fields.put("media_type", "TEXT");
        }
        fields.put("text", post.text());
        return meta.publish(user + "/threads", fields, user + "/threads_publish");
    }

    @Override
    public Optional<Published> lookup(Post post) throws PublishFailure {
        return containers().recent(config.userId().orElseThrow() + "/threads", "text", post.text());
    }

    private MetaContainers containers() {
        return new MetaContainers(
                http, "Threads", config.apiUrl(), config.accessToken().orElseThrow(), "status");
    }
}
