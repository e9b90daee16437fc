package io.herald.social.publish;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Mastodon (https://docs.joinmastodon.org/methods/statuses/#create): POST /api/v1/statuses with a bearer token and
 * an Idempotency-Key header. Mastodon keeps the key for an hour and answers a repeat with the status it already
 * made, so a retry after a lost answer is safe ({@link Recovery#IDEMPOTENT}); the outbox lease is far shorter.
 */
@ApplicationScoped
public class MastodonPublisher implements Publisher {

    private final SocialConfig.Mastodon config;
    private final PlatformHttp http;

    MastodonPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.mastodon();
        this.http = http;
    }

    @Override
    public String id() {
        return "mastodon";
    }

    @Override
    public boolean configured() {
        return config.instanceUrl().isPresent() && config.accessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.mastodon.instance-url and herald.social.mastodon.access-token";
    }

    @Override
    public Recovery recovery() {
        return Recovery.IDEMPOTENT;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        var request = http.request(PlatformHttp.trimSlash(config.instanceUrl().orElseThrow()) + "/api/v1/statuses")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Idempotency-Key", post.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of("status", post.text(), "visibility", "public")))
                .build();
        JsonNode status = http.read(http.send(request, "Mastodon"), "Mastodon");
        return new Published(status.path("id").asText(), status.path("url").asText(null));
    }
}
