package io.herald.social.publish;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Facebook Pages (https://developers.facebook.com/docs/pages-api/posts): POST /{page-id}/feed with message, link and
 * the page access token. No idempotency key; a lost answer is checked against the page's recent posts
 * (GET /{page-id}/feed?fields=id,link) by the teaser's link.
 */
@ApplicationScoped
public class FacebookPublisher implements Publisher {

    private final SocialConfig.Facebook config;
    private final PlatformHttp http;

    FacebookPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.facebook();
        this.http = http;
    }

    @Override
    public String id() {
        return "facebook";
    }

    @Override
    public boolean configured() {
        return config.pageId().isPresent() && config.pageAccessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.facebook.page-id and herald.social.facebook.page-access-token";
    }

    @Override
    public Recovery recovery() {
        return Recovery.LOOKUP;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("message", post.text());
        if (post.url() != null) {
            form.put("link", post.url());
        }
        form.put("access_token", config.pageAccessToken().orElseThrow());
        var request = http.request(feed())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        String id =
                http.read(http.send(request, "Facebook"), "Facebook").path("id").asText();
        return new Published(id, "https://www.facebook.com/" + id);
    }

    @Override
    public Optional<Published> lookup(Post post) throws PublishFailure {
        var request = http.request(feed() + "?fields=id,link,message&limit=25&access_token="
                        + URLEncoder.encode(config.pageAccessToken().orElseThrow(), StandardCharsets.UTF_8))
                .GET()
                .build();
        for (JsonNode item :
                http.read(http.send(request, "Facebook"), "Facebook").path("data")) {
            if (post.url() != null && post.url().equals(item.path("link").asText())) {
                String id = item.path("id").asText();
                return Optional.of(new Published(id, "https://www.facebook.com/" + id));
            }
        }
        return Optional.empty();
    }

    private String feed() {
        return PlatformHttp.trimSlash(config.graphUrl()) + "/" + config.pageId().orElseThrow() + "/feed";
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
