package io.herald.social.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * LinkedIn Posts API (https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api):
 * POST /rest/posts with LinkedIn-Version and X-Restli-Protocol-Version headers, the article's card (uploaded through
 * the Images API, with altText) or else an article link card, and the
 * commentary in LinkedIn's "little text" format, where ( ) [ ] { } &lt; &gt; @ | ~ _ * # \ must be escaped or the
 * text is cut; hashtags become {hashtag|\#|Tag} templates. The new post's URN comes back in x-restli-id. LinkedIn has
 * no idempotency key, so a lost answer goes to a person ({@link Recovery#NONE}).
 */
@ApplicationScoped
public class LinkedinPublisher implements Publisher {

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#([\\p{L}\\p{N}_]+)");

    private final SocialConfig.Linkedin config;
    private final PlatformHttp http;

    LinkedinPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.linkedin();
        this.http = http;
    }

    @Override
    public String id() {
        return "linkedin";
    }

    @Override
    public boolean configured() {
        return config.accessToken().isPresent() && config.authorUrn().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.linkedin.access-token and herald.social.linkedin.author-urn";
    }

    @Override
    public Recovery recovery() {
        return Recovery.NONE;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", config.authorUrn().orElseThrow());
        // An image post shows no link card: the link goes into the text when the teaser does not carry it.
        boolean linkInText =
                post.hasMedia() && post.url() != null && !post.text().contains(post.url());
        body.put("commentary", littleText(linkInText ? post.text() + "\n\n" + post.url() : post.text()));
        body.put("visibility", "PUBLIC");
        body.put(
                "distribution",
                Map.of(
                        "feedDistribution",
                        "MAIN_FEED",
                        "targetEntities",
                        List.of(),
                        "thirdPartyDistributionChannels",
                        List.of()));
        if (post.hasMedia()) {
            body.put(
                    "content",
                    Map.of(
                            "media",
                            Map.of(
                                    "id",
                                    uploadImage(post.media()),
                                    "altText",
                                    post.media().alt())));
        } else if (post.url() != null) {
            body.put("content", Map.of("article", Map.of("source", post.url(), "title", post.title())));
        }
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        var request = http.request(PlatformHttp.trimSlash(config.apiUrl()) + "/rest/posts")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("LinkedIn-Version", config.version())
                .header("X-Restli-Protocol-Version", "2.0.0")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body))
                .build();
        var response = http.send(request, "LinkedIn");
        String urn = response.headers().firstValue("x-restli-id").orElse("");
        return new Published(urn, urn.isEmpty() ? null : "https://www.linkedin.com/feed/update/" + urn);
    }

    /**
     * Images API: POST /rest/images?action=initializeUpload names the owner and answers an upload URL and the image's
     * URN; the bytes go there with PUT. An image no post uses is never shown, so a retry may upload again.
     */
    private String uploadImage(Media media) throws PublishFailure {
        var init = http.request(PlatformHttp.trimSlash(config.apiUrl()) + "/rest/images?action=initializeUpload")
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("LinkedIn-Version", config.version())
                .header("X-Restli-Protocol-Version", "2.0.0")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of(
                        "initializeUploadRequest",
                        Map.of("owner", config.authorUrn().orElseThrow()))))
                .build();
        var value = http.read(http.send(init, "LinkedIn"), "LinkedIn").path("value");
        String uploadUrl = value.path("uploadUrl").asText();
        String image = value.path("image").asText();
        if (uploadUrl.isEmpty() || image.isEmpty()) {
            throw PublishFailure.permanent("LinkedIn answered no upload URL for the image");
        }
        var put = http.request(uploadUrl)
                .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                .header("Content-Type", media.type())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(media.bytes()))
                .build();
        http.send(put, "LinkedIn");
        return image;
    }

    /** Escapes LinkedIn's reserved characters; hashtags become hashtag templates. */
    static String littleText(String text) {
        StringBuilder out = new StringBuilder();
        Matcher tag = HASHTAG.matcher(text);
        int last = 0;
        while (tag.find()) {
            out.append(escape(text.substring(last, tag.start())));
            out.append("{hashtag|\\#|").append(escape(tag.group(1))).append('}');
            last = tag.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    private static String escape(String s) {
        return s.replaceAll("([()\\[\\]{}<>@|~_*#\\\\])", "\\\\$1");
    }
}
