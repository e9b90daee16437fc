package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * TikTok Content Posting API, photo posts (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post):
 * POST /v2/post/publish/content/init/ with media_type PHOTO, post_mode DIRECT_POST, post_info (title at most 90
 * characters: the headline; description: the teaser) and source_info PULL_FROM_URL with the card's public JPEG
 * (TikTok takes no PNG, and only from a domain verified for the app). TikTok answers a publish_id and publishes on its
 * own time; it has no idempotency key and no listing of an account's posts, so a lost answer goes to a person
 * ({@link Recovery#NONE}).
 */
@ApplicationScoped
public class TiktokPublisher implements Publisher {

    static final int TITLE_LIMIT = 90;

    private final SocialConfig.Tiktok config;
    private final PlatformHttp http;

    TiktokPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.tiktok();
        this.http = http;
    }

    @Override
    public String id() {
        return "tiktok";
    }

    @Override
    public boolean configured() {
        return config.accessToken().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.tiktok.access-token (an app with Direct Post approved)";
    }

    @Override
    public Recovery recovery() {
        return Recovery.NONE;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        if (!post.hasMedia()) {
            throw PublishFailure.permanent(
                    "TikTok takes no post without a photo; turn the article's card on for TikTok");
        }
        Map<String, Object> postInfo = new LinkedHashMap<>();
        postInfo.put("title", title(post.title()));
        postInfo.put("description", post.text());
        postInfo.put("privacy_level", config.privacyLevel());
        postInfo.put("disable_comment", false);
        postInfo.put("auto_add_music", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("media_type", "PHOTO");
        body.put("post_mode", "DIRECT_POST");
        body.put("post_info", postInfo);
        body.put(
                "source_info",
                Map.of(
                        "source",
                        "PULL_FROM_URL",
                        "photo_cover_index",
                        0,
                        "photo_images",
                        List.of(post.media().publicUrl())));
        var request = http.request(PlatformHttp.trimSlash(config.apiUrl()) + "/v2/post/publish/content/init/")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(http.jsonBody(body))
                .build();
        JsonNode answer = http.read(http.send(request, "TikTok"), "TikTok");
        String code = answer.path("error").path("code").asText("ok");
        if (!code.equals("ok")) {
            throw PublishFailure.permanent("TikTok refused the post: " + code + " "
                    + answer.path("error").path("message").asText());
        }
        return new Published(answer.path("data").path("publish_id").asText(), null);
    }

    /** The headline within TikTok's 90 characters, cut at a word. */
    static String title(String headline) {
        return WordCut.cut(headline, TITLE_LIMIT);
    }
}
