package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * X API v2 (https://docs.x.com/x-api/posts/creation-of-a-post): the card uploaded (POST /2/media/upload) with its
 * alt text (POST /2/media/metadata), then POST /2/tweets {"text", "media": {"media_ids"}} with an OAuth 2.0 user
 * access token (media.write besides tweet.write). X has no idempotency key; with herald.social.x.user-id set, a lost answer is checked against the
 * account's recent posts (GET /2/users/{id}/tweets, matching the teaser's link in entities.urls.expanded_url).
 */
@ApplicationScoped
public class XPublisher implements Publisher {

    private final SocialConfig.X config;
    private final PlatformHttp http;

    XPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.x();
        this.http = http;
    }

    @Override
    public String id() {
        return "x";
    }

    @Override
    public boolean configured() {
        return config.accessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.x.access-token";
    }

    @Override
    public Recovery recovery() {
        return config.userId().isPresent() ? Recovery.LOOKUP : Recovery.NONE;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", post.text());
        if (post.hasMedia()) {
            body.put("media", Map.of("media_ids", List.of(upload(post.media()))));
        }
        var request = http.request(api() + "/2/tweets")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body))
                .build();
        JsonNode data = http.read(http.send(request, "X"), "X").path("data");
        String id = data.path("id").asText();
        return new Published(id, "https://x.com/i/web/status/" + id);
    }

    /**
     * POST /2/media/upload (multipart: media, media_category tweet_image), then POST /2/media/metadata with the alt
     * text. An upload no post uses expires on its own, so a retry may upload again.
     */
    private String upload(Media media) throws PublishFailure {
        Multipart form = new Multipart()
                .field("media_category", "tweet_image")
                .field("media_type", media.type())
                .file("media", media.fileName(), media.type(), media.bytes());
        var upload = http.request(api() + "/2/media/upload")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        String id =
                http.read(http.send(upload, "X"), "X").path("data").path("id").asText();
        if (id.isEmpty()) {
            throw PublishFailure.permanent("X took the image but answered no media id");
        }
        var metadata = http.request(api() + "/2/media/metadata")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of("id", id, "metadata", Map.of("alt_text", Map.of("text", media.alt())))))
                .build();
        http.send(metadata, "X");
        return id;
    }

    private String api() {
        return PlatformHttp.trimSlash(config.apiUrl());
    }

    @Override
    public Optional<Published> lookup(Post post) throws PublishFailure {
        var request = http.request(PlatformHttp.trimSlash(config.apiUrl()) + "/2/users/"
                        + config.userId().orElseThrow() + "/tweets?max_results=20&tweet.fields=entities")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .GET()
                .build();
        for (JsonNode tweet : http.read(http.send(request, "X"), "X").path("data")) {
            for (JsonNode url : tweet.path("entities").path("urls")) {
                if (post.url() != null
                        && post.url().equals(url.path("expanded_url").asText())) {
                    String id = tweet.path("id").asText();
                    return Optional.of(new Published(id, "https://x.com/i/web/status/" + id));
                }
            }
        }
        return Optional.empty();
    }
}
