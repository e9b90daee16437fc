package io.herald.social.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The HTTP side every publisher shares: one JDK client with the configured timeouts, JSON in and out, and the
 * mapping of answers to outcomes (2xx taken; 429 and 5xx and network errors retried, Retry-After honoured; other
 * 4xx refused with the platform's own message).
 */
@ApplicationScoped
public class PlatformHttp {

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    PlatformHttp(SocialConfig socialConfig, ObjectMapper json) {
        this.timeout = socialConfig.requestTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("User-Agent", "Herald/1.0");
    }

    public HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and returns the answer when it is 2xx; anything else becomes a {@link PublishFailure}. */
    public HttpResponse<String> send(HttpRequest request, String platform) throws PublishFailure {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PublishFailure(platform + " did not answer: " + e, true, null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure(platform + " request interrupted", true, null, 0);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        String message = platform + " answered " + status + ": " + platformMessage(response.body());
        Duration retryAfter = retryAfter(response);
        boolean retryable = status == 429 || status == 408 || status >= 500;
        throw new PublishFailure(message, retryable, retryAfter, status);
    }

    public JsonNode read(HttpResponse<String> response, String platform) throws PublishFailure {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw PublishFailure.permanent(
                    platform + " answered with something that is not JSON: " + abbreviate(response.body()));
        }
    }

    /** The human part of an error body, whichever platform's shape it has. */
    String platformMessage(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node.path("error").isTextual() && node.path("message").isTextual()) {
                // AT Protocol's shape: {"error": "RecordNotFound", "message": "Could not locate record: ..."}
                return node.path("error").asText() + ": " + node.path("message").asText();
            }
            for (String field :
                    new String[] {"description", "error_description", "message", "detail", "error", "title"}) {
                JsonNode value = node.path(field);
                if (value.isTextual()) {
                    return value.asText();
                }
                if (value.isObject() && value.path("message").isTextual()) {
                    return value.path("message").asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the body itself is the message
        }
        return abbreviate(body);
    }

    /** Retry-After in seconds or as an HTTP date; Telegram puts it in the body as parameters.retry_after. */
    Duration retryAfter(HttpResponse<String> response) {
        String header = response.headers().firstValue("Retry-After").orElse(null);
        if (header != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException ignored) {
                    return null;
                }
            }
        }
        try {
            JsonNode seconds = json.readTree(response.body()).path("parameters").path("retry_after");
            return seconds.canConvertToLong() ? Duration.ofSeconds(seconds.asLong()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
