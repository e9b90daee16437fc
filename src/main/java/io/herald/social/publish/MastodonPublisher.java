package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Mastodon (https://docs.joinmastodon.org/methods/statuses/#create): the card uploaded with its description
 * (https://docs.joinmastodon.org/methods/media/#v2), then POST /api/v1/statuses with media_ids, a bearer token and
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
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", post.text());
        status.put("visibility", "public");
        if (post.hasMedia()) {
            status.put("media_ids", List.of(upload(post.media())));
        }
        var request = http.request(instance() + "/api/v1/statuses")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Idempotency-Key", post.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(status))
                .build();
        JsonNode answer = http.read(http.send(request, "Mastodon"), "Mastodon");
        return new Published(answer.path("id").asText(), answer.path("url").asText(null));
    }

    /**
     * POST /api/v2/media (multipart file and description); a retry uploads again, and an upload no status uses is
     * removed by the instance after a day, so only the status needs the idempotency key.
     */
    private String upload(Media media) throws PublishFailure {
        Multipart form = new Multipart()
                .field("description", media.alt())
                .file("file", media.fileName(), media.type(), media.bytes());
        var request = http.request(instance() + "/api/v2/media")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        return http.read(http.send(request, "Mastodon"), "Mastodon").path("id").asText();
    }

    private String instance() {
        return PlatformHttp.trimSlash(config.instanceUrl().orElseThrow());
    }
}
