package io.herald.social.publish;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Facebook Pages (https://developers.facebook.com/docs/pages-api/posts): with the article's card, POST
 * /{page-id}/photos (the card as source, the teaser as message); without, POST /{page-id}/feed with message and link;
 * the page access token either way. No idempotency key; a lost answer is checked against the page's recent posts
 * (GET /{page-id}/feed?fields=id,link,message) by the teaser's link, in the link or in the message.
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
        if (post.hasMedia()) {
            return photo(post);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("message", post.text());
        if (post.url() != null) {
            form.put("link", post.url());
        }
        form.put("access_token", config.pageAccessToken().orElseThrow());
        var request = http.request(feed())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MetaContainers.encode(form)))
                .build();
        String id =
                http.read(http.send(request, "Facebook"), "Facebook").path("id").asText();
        return new Published(id, "https://www.facebook.com/" + id);
    }

    /**
     * POST /{page-id}/photos with the card as source (multipart) and the teaser as its message; a photo post shows
     * no link card, so the article's link goes into the message when the teaser does not carry it already.
     */
    private Published photo(Post post) throws PublishFailure {
        String message = post.url() != null && !post.text().contains(post.url())
                ? post.text() + "\n\n" + post.url()
                : post.text();
        Multipart form = new Multipart()
                .field("message", message)
                .field("published", "true")
                .field("access_token", config.pageAccessToken().orElseThrow())
                .file(
                        "source",
                        post.media().fileName(),
                        post.media().type(),
                        post.media().bytes());
        var request = http.request(page() + "/photos")
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        JsonNode answer = http.read(http.send(request, "Facebook"), "Facebook");
        String id = answer.path("post_id").asText(answer.path("id").asText());
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
            if (post.url() != null
                    && (post.url().equals(item.path("link").asText())
                            || item.path("message").asText().contains(post.url()))) {
                String id = item.path("id").asText();
                return Optional.of(new Published(id, "https://www.facebook.com/" + id));
            }
        }
        return Optional.empty();
    }

    private String page() {
        return PlatformHttp.trimSlash(config.graphUrl()) + "/" + config.pageId().orElseThrow();
    }

    private String feed() {
        return page() + "/feed";
    }
}
