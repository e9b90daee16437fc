package io.herald.social.publish;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Meta's two-step publishing, shared by Instagram and Threads: create a media container (the platform fetches the
 * image from its public URL), wait until the container is FINISHED, then publish it. A container that is never
 * published costs nothing and expires after a day, so a retry may create another; only the publish step makes a
 * post, and the outbox's lookup settles a publish whose answer was lost.
 */
final class MetaContainers {

    /** How often and how long Herald asks about a container before leaving it to the next attempt. */
    static final int STATUS_CHECKS = 10;

    static final long STATUS_WAIT_MILLIS = 1000;

    private final PlatformHttp http;
    private final String platform;
    private final String base;
    private final String token;
    private final String statusField;

    MetaContainers(PlatformHttp http, String platform, String base, String token, String statusField) {
        this.http = http;
        this.platform = platform;
        this.base = PlatformHttp.trimSlash(base);
        this.token = token;
        this.statusField = statusField;
    }

    /** Creates a container at {@code createPath}, waits for it, publishes it at {@code publishPath}: the new post. */
    Published publish(String createPath, Map<String, String> fields, String publishPath) throws PublishFailure {
        String container = create(createPath, fields);
        awaitFinished(container);
        String post = create(publishPath, Map.of("creation_id", container));
        return new Published(
                post, get(post + "?fields=permalink").path("permalink").asText(null));
    }

    /** The account's recent post (at {@code path}, up to 25) whose {@code field} is {@code text}, if any. */
    java.util.Optional<Published> recent(String path, String field, String text) throws PublishFailure {
        JsonNode recent = get(path + "?fields=id," + field + ",permalink&limit=25");
        for (JsonNode post : recent.path("data")) {
            if (text.strip().equals(post.path(field).asText().strip())) {
                return java.util.Optional.of(new Published(
                        post.path("id").asText(), post.path("permalink").asText(null)));
            }
        }
        return java.util.Optional.empty();
    }

    /** POST {base}/{path} as a form with the access token; the answer's id. */
    String create(String path, Map<String, String> fields) throws PublishFailure {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("access_token", token);
        var request = http.request(base + "/" + path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        String id = http.read(http.send(request, platform), platform).path("id").asText();
        if (id.isEmpty()) {
            throw PublishFailure.permanent(platform + " answered no id for " + path);
        }
        return id;
    }

    /** Waits for FINISHED; ERROR and EXPIRED are refusals, still IN_PROGRESS after the checks is left for a retry. */
    void awaitFinished(String container) throws PublishFailure {
        for (int i = 0; i < STATUS_CHECKS; i++) {
            JsonNode status = get(container + "?fields=" + statusField + ",error_message");
            String code = status.path(statusField).asText();
            switch (code) {
                case "FINISHED", "PUBLISHED":
                    return;
                case "ERROR", "EXPIRED":
                    throw PublishFailure.permanent(platform + " could not use the image: " + code + " "
                            + status.path("error_message").asText());
                default:
                    pause();
            }
        }
        throw new PublishFailure(platform + " was still processing the image", true, null, 0);
    }

    JsonNode get(String pathAndQuery) throws PublishFailure {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        var request = http.request(base + "/" + pathAndQuery + sep + "access_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .GET()
                .build();
        return http.read(http.send(request, platform), platform);
    }

    private static void pause() throws PublishFailure {
        try {
            Thread.sleep(STATUS_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure("interrupted while the platform processed the image", true, null, 0);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
