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
 * POST /rest/posts with LinkedIn-Version and X-Restli-Protocol-Version headers, an article link card, and the
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
        body.put("commentary", littleText(post.text()));
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
        if (post.url() != null) {
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
