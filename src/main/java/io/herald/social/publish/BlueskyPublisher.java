package io.herald.social.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.Extractor;
import io.herald.social.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bluesky (AT Protocol): com.atproto.server.createSession with the handle and an app password, then
 * com.atproto.repo.createRecord of an app.bsky.feed.post with link and tag facets at UTF-8 byte offsets
 * (https://docs.bsky.app/docs/advanced-guides/post-richtext), and the article's card (uploadBlob, then an
 * app.bsky.embed.images embed with alt text and aspect ratio) or else a link card. The record key is derived from the
 * outbox row (a TID of its creation time and id), so a lost answer is settled exactly by
 * com.atproto.repo.getRecord ({@link Recovery#LOOKUP}).
 */
@ApplicationScoped
public class BlueskyPublisher implements Publisher {

    static final String COLLECTION = "app.bsky.feed.post";
    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final Duration SESSION_REUSE = Duration.ofMinutes(30);

    private final SocialConfig.Bluesky config;
    private final PlatformHttp http;
    private Session session;

    record Session(String accessJwt, String did, String handle, Instant at) {}

    BlueskyPublisher(SocialConfig socialConfig, PlatformHttp http) {
        this.config = socialConfig.bluesky();
        this.http = http;
    }

    @Override
    public String id() {
        return "bluesky";
    }

    @Override
    public boolean configured() {
        return config.identifier().isPresent() && config.appPassword().isPresent();
    }

    @Override
    public String missingConfiguration() {
        return "herald.social.bluesky.identifier and herald.social.bluesky.app-password";
    }

    @Override
    public Recovery recovery() {
        return Recovery.LOOKUP;
    }

    @Override
    public Published publish(Post post) throws PublishFailure {
        Session s = session();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", COLLECTION);
        record.put("text", post.text());
        record.put("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        List<Map<String, Object>> facets = facets(post.text());
        if (!facets.isEmpty()) {
            record.put("facets", facets);
        }
        if (post.hasMedia()) {
            // The card as an image embed with its description; the link stays clickable as a facet in the text.
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("alt", post.media().alt());
            image.put("image", uploadBlob(s, post.media()));
            image.put(
                    "aspectRatio",
                    Map.of("width", post.media().width(), "height", post.media().height()));
            record.put("embed", Map.of("$type", "app.bsky.embed.images", "images", List.of(image)));
        } else if (post.url() != null) {
            record.put(
                    "embed",
                    Map.of(
                            "$type",
                            "app.bsky.embed.external",
                            "external",
                            Map.of("uri", post.url(), "title", post.title(), "description", "")));
        }
        String rkey = recordKey(post);
        var request = http.request(xrpc("com.atproto.repo.createRecord"))
                .header("Authorization", "Bearer " + s.accessJwt())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of("repo", s.did(), "collection", COLLECTION, "rkey", rkey, "record", record)))
                .build();
        JsonNode created = http.read(http.send(request, "Bluesky"), "Bluesky");
        return new Published(created.path("uri").asText(), webUrl(s, rkey));
    }

    /** com.atproto.repo.uploadBlob: the image's bytes as the body; the answer's blob goes into the record as is. */
    private JsonNode uploadBlob(Session s, Media media) throws PublishFailure {
        var request = http.request(xrpc("com.atproto.repo.uploadBlob"))
                .header("Authorization", "Bearer " + s.accessJwt())
                .header("Content-Type", media.type())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(media.bytes()))
                .build();
        JsonNode blob = http.read(http.send(request, "Bluesky"), "Bluesky").path("blob");
        if (!blob.isObject()) {
            throw PublishFailure.permanent("Bluesky took the image but answered no blob");
        }
        return blob;
    }

    @Override
    public Optional<Published> lookup(Post post) throws PublishFailure {
        Session s = session();
        String rkey = recordKey(post);
        var request = http.request(xrpc("com.atproto.repo.getRecord") + "?repo=" + s.did() + "&collection=" + COLLECTION
                        + "&rkey=" + rkey)
                .header("Authorization", "Bearer " + s.accessJwt())
                .GET()
                .build();
        try {
            JsonNode found = http.read(http.send(request, "Bluesky"), "Bluesky");
            return Optional.of(new Published(found.path("uri").asText(), webUrl(s, rkey)));
        } catch (PublishFailure e) {
            if (e.status() == 400 && e.getMessage().contains("RecordNotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private synchronized Session session() throws PublishFailure {
        if (session != null && session.at().plus(SESSION_REUSE).isAfter(Instant.now())) {
            return session;
        }
        var request = http.request(xrpc("com.atproto.server.createSession"))
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of(
                        "identifier",
                        config.identifier().orElseThrow(),
                        "password",
                        config.appPassword().orElseThrow())))
                .build();
        JsonNode answer = http.read(http.send(request, "Bluesky"), "Bluesky");
        session = new Session(
                answer.path("accessJwt").asText(),
                answer.path("did").asText(),
                answer.path("handle").asText(),
                Instant.now());
        return session;
    }

    private String xrpc(String method) {
        return PlatformHttp.trimSlash(config.serviceUrl()) + "/xrpc/" + method;
    }

    private static String webUrl(Session s, String rkey) {
        return "https://bsky.app/profile/" + (s.handle().isEmpty() ? s.did() : s.handle()) + "/post/" + rkey;
    }

    /** Links and hashtags as facets; Bluesky indexes UTF-8 bytes, Java strings UTF-16 units. */
    static List<Map<String, Object>> facets(String text) {
        Extractor extractor = new Extractor();
        List<Map<String, Object>> facets = new ArrayList<>();
        for (Extractor.Entity url : extractor.extractURLsWithIndices(text)) {
            facets.add(facet(
                    text,
                    url.getStart(),
                    url.getEnd(),
                    Map.of("$type", "app.bsky.richtext.facet#link", "uri", url.getValue())));
        }
        for (Extractor.Entity tag : extractor.extractHashtagsWithIndices(text)) {
            facets.add(facet(
                    text,
                    tag.getStart(),
                    tag.getEnd(),
                    Map.of("$type", "app.bsky.richtext.facet#tag", "tag", tag.getValue())));
        }
        return facets;
    }

    private static Map<String, Object> facet(String text, int start, int end, Map<String, Object> feature) {
        int byteStart = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        int byteEnd = byteStart + text.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
        return Map.of("index", Map.of("byteStart", byteStart, "byteEnd", byteEnd), "features", List.of(feature));
    }

    /**
     * A TID (https://atproto.com/specs/tid): 53 bits of microseconds since the epoch and 10 bits of clock id, in
     * base32-sortable; from the outbox row, so every attempt names the same record.
     */
    static String recordKey(Post post) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, post.createdAt());
        long value = (micros << 10) | (post.id() & 0x3FF);
        value &= Long.MAX_VALUE;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = TID_ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }
}
