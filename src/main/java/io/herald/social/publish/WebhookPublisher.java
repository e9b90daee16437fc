package io.herald.social.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A generic webhook, for channels a newsroom posts through its own tooling (Zapier, n8n, a CMS): a JSON POST of the
 * post, signed with HMAC-SHA256 over the exact body bytes in X-Herald-Signature: sha256=&lt;hex&gt;. The
 * X-Herald-Delivery header carries the post's idempotency key, the same on every attempt: receivers drop repeats
 * ({@link Recovery#IDEMPOTENT}). An answer may name the post's {"id", "url"}.
 */
@ApplicationScoped
public class WebhookPublisher implements Publisher {

    private final SocialConfig.Webhook config;
    private final PlatformHttp http;

    WebhookPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.webhook();
        this.http = http;
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public boolean configured() {
        return config.url().isPresent() && config.secret().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.webhook.url and herald.social.webhook.secret";
    }

    @Override
    public Recovery recovery() {
        return Recovery.IDEMPOTENT;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", post.idempotencyKey());
        event.put("articleId", post.articleId());
        event.put("channel", post.channel());
        event.put("text", post.text());
        event.put("title", post.title());
        event.put("url", post.url());
        event.put("imageUrl", post.imageUrl());
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var request = http.request(config.url().orElseThrow())
                .header("Content-Type", "application/json")
                .header("X-Herald-Delivery", post.idempotencyKey())
                .header("X-Herald-Signature", "sha256=" + sign(config.secret().orElseThrow(), body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        var response = http.send(request, "Webhook");
        String id = post.idempotencyKey();
        String url = null;
        if (response.body() != null && response.body().strip().startsWith("{")) {
            JsonNode answer = http.read(response, "Webhook");
            id = answer.path("id").asText(id);
            url = answer.path("url").asText(null);
        }
        return new Published(id, url);
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
