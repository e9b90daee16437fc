package io.herald.social.publish;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * X API v2 (https://docs.x.com/x-api/posts/creation-of-a-post): POST /2/tweets {"text"} with an OAuth 2.0 user
 * access token. X has no idempotency key; with herald.social.x.user-id set, a lost answer is checked against the
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
        var request = http.request(PlatformHttp.trimSlash(config.apiUrl()) + "/2/tweets")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of("text", post.text())))
                .build();
        JsonNode data = http.read(http.send(request, "X"), "X").path("data");
        String id = data.path("id").asText();
        return new Published(id, "https://x.com/i/web/status/" + id);
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
