package io.herald.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import static io.herald.support.SocialStandIn.header;
import static io.herald.support.SocialStandIn.query;
import static io.herald.support.SocialStandIn.require;
import static io.herald.support.SocialStandIn.respond;

/**
 * The media side of the platform stand-ins, written from each platform's documentation: uploads (Mastodon
 * /api/v2/media, Bluesky uploadBlob, X /2/media/upload and /2/media/metadata, LinkedIn's Images API), and the
 * platforms that fetch the image themselves (Instagram and Threads containers, TikTok PULL_FROM_URL), which fetch it
 * here too and refuse what the platform refuses (not an image, PNG for Instagram and TikTok, a ratio Instagram does
 * not take). Posts may only name media this stand-in took.
 */
final class MediaStandIn {

    static final String INSTAGRAM_USER = "17841400000000001";
    static final String INSTAGRAM_TOKEN = "instagram-test-token";
    static final String THREADS_USER = "25000000000000001";
    static final String THREADS_TOKEN = "threads-test-token";
    static final String TIKTOK_TOKEN = "act.tiktok-test-token";

    /** A file part of a multipart body. */
    record Part(String name, String fileName, String type, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final SocialStandIn owner;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong(5000);
    private final Set<String> media = new HashSet<>();
    private final Map<String, String> altTexts = new HashMap<>();
    private final Map<String, ObjectNode> containers = new LinkedHashMap<>();
    private final Map<String, String> linkedinUploads = new HashMap<>();
    private String publicPrefix = "";
    private String fetchPrefix = "";

    MediaStandIn(SocialStandIn owner) {
        this.owner = owner;
    }

    /** Where the platforms that fetch images reach Herald's public URL in a test (its loopback address). */
    synchronized void imageHost(String publicPrefix, String fetchPrefix) {
        this.publicPrefix = publicPrefix;
        this.fetchPrefix = fetchPrefix;
    }

    synchronized void reset() {
        media.clear();
        altTexts.clear();
        containers.clear();
        linkedinUploads.clear();
    }

    synchronized boolean known(String mediaId) {
        return media.contains(mediaId);
    }

    synchronized String alt(String mediaId) {
        return altTexts.get(mediaId);
    }

    private synchronized String newMedia(String prefix, String alt) {
        String id = prefix + ids.incrementAndGet();
        media.add(id);
        if (alt != null) {
            altTexts.put(id, alt);
        }
        return id;
    }

    /** A multipart/form-data body by part name; refused as the platforms refuse a body that is not one. */
    static Map<String, Part> multipart(HttpExchange ex, byte[] raw, String bad) {
        String type = SocialStandIn.contentType(ex);
        require(type.startsWith("multipart/form-data") && type.contains("boundary="), 400, bad);
        String boundary = "--"
                + type.substring(type.indexOf("boundary=") + 9)
                        .replace("\"", "")
                        .strip();
        String body = new String(raw, StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String chunk : body.split(java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = chunk.indexOf("\r\n\r\n");
            if (headersEnd < 0 || chunk.startsWith("--")) {
                continue;
            }
            String headers = chunk.substring(0, headersEnd);
            String content = chunk.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = attribute(headers, "name");
            String fileName = attribute(headers, "filename");
            String partType = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    partType = line.substring(13).strip();
                }
            }
            parts.put(name, new Part(name, fileName, partType, content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    private static String attribute(String headers, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(headers);
        return m.find() ? m.group(1) : null;
    }

    static BufferedImage image(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }

    /** Fetches an image by its public URL as the platform would, through the test's address of Herald. */
    private byte[] fetch(String url, String bad) {
        String local;
        synchronized (this) {
            // Only Herald's own public URL (the tests' https://news.example.org unless a test says otherwise), reached
            // on loopback at the port of the Herald under test: a test never fetches from anywhere else.
            String from = publicPrefix.isEmpty() ? "https://news.example.org" : publicPrefix;
            String to = fetchPrefix.isEmpty() ? "http://localhost:" + io.restassured.RestAssured.port : fetchPrefix;
            require(url.startsWith(from + "/"), 400, bad);
            local = to + url.substring(from.length());
        }
        HttpResponse<byte[]> r;
        try {
            // HTTP/1.1, as a platform fetching over https without h2 would: the JDK client's default asks a plain
            // http:// server to upgrade to HTTP/2 (h2c), and one card fetch in a CI run failed inside that upgrade
            // ("Frame type(205) ... exceeds MAX_FRAME_SIZE"), a path no platform takes.
            r = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(local))
                                    .timeout(java.time.Duration.ofSeconds(30))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            // The platform's answer carries only its own words: the cause goes to the test's output.
            System.err.println("Stand-in could not fetch " + local + ": " + e);
            throw new SocialStandIn.Refusal(400, bad);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() != 200 || !type.startsWith("image/jpeg")) {
            System.err.println("Stand-in fetched " + local + ": " + r.statusCode() + " " + type + " "
                    + new String(r.body(), 0, Math.min(r.body().length, 300), StandardCharsets.UTF_8));
            throw new SocialStandIn.Refusal(400, bad);
        }
        return r.body();
    }

    // https://core.telegram.org/bots/api#sendphoto, #inputfile: multipart/form-data with the photo as a file
    JsonNode telegramPhoto(HttpExchange ex, byte[] raw, String bad) {
        Map<String, Part> parts = multipart(ex, raw, bad.formatted("expected multipart/form-data"));
        Part photo = parts.get("photo");
        require(
                photo != null && photo.fileName() != null && image(photo.bytes()) != null,
                400,
                bad.formatted("wrong file identifier/HTTP URL specified"));
        ObjectNode body = json.createObjectNode();
        for (String field : new String[] {"chat_id", "caption", "parse_mode"}) {
            if (parts.containsKey(field)) {
                body.put(field, parts.get(field).text());
            }
        }
        body.put("photo", "(uploaded " + photo.bytes().length + " bytes)");
        return body;
    }

    // https://docs.joinmastodon.org/methods/media/#v2
    void mastodonMedia(HttpExchange ex, byte[] raw) throws IOException {
        String bad = "{\"error\":\"Validation failed: File content type is invalid\"}";
        Map<String, Part> parts = multipart(ex, raw, bad);
        Part file = parts.get("file");
        require(file != null && image(file.bytes()) != null, 422, bad);
        String description =
                parts.containsKey("description") ? parts.get("description").text() : null;
        require(
                description == null || description.codePointCount(0, description.length()) <= 1500,
                422,
                "{\"error\":\"Validation failed: Description is too long (maximum is 1500 characters)\"}");
        String id = newMedia("", description);
        respond(
                ex,
                200,
                json.createObjectNode()
                        .put("id", id)
                        .put("type", "image")
                        .put("url", "https://mastodon.example/media/" + id + ".jpg")
                        .put("description", description)
                        .toString());
    }

    // https://docs.bsky.app/docs/advanced-guides/posts#images-embeds: uploadBlob, at most 1,000,000 bytes
    void blueskyBlob(HttpExchange ex, byte[] raw) throws IOException {
        String type = SocialStandIn.contentType(ex);
        require(
                type.startsWith("image/") && image(raw) != null,
                400,
                "{\"error\":\"InvalidMimeType\",\"message\":\"Wrong type of file\"}");
        require(raw.length <= 1_000_000, 400, "{\"error\":\"BlobTooLarge\",\"message\":\"This file is too large\"}");
        String cid = newMedia("bafkrei", null);
        ObjectNode blob = json.createObjectNode();
        blob.put("$type", "blob");
        blob.putObject("ref").put("$link", cid);
        blob.put("mimeType", type);
        blob.put("size", raw.length);
        ObjectNode answer = json.createObjectNode();
        answer.set("blob", blob);
        respond(ex, 200, answer.toString());
    }

    /** An app.bsky.embed.images embed: every image a blob taken here, with alt text and an aspect ratio. */
    void blueskyImages(JsonNode embed, String invalid) {
        require(
                embed.path("images").isArray()
                        && embed.path("images").size() >= 1
                        && embed.path("images").size() <= 4,
                400,
                invalid.formatted("embed images: 1 to 4"));
        for (JsonNode image : embed.path("images")) {
            require(
                    image.path("alt").isTextual(),
                    400,
                    invalid.formatted("Record/embed/images/0 must have the property \"alt\""));
            JsonNode blob = image.path("image");
            require(
                    "blob".equals(blob.path("$type").asText())
                            && known(blob.path("ref").path("$link").asText()),
                    400,
                    invalid.formatted("Could not find blob"));
            require(
                    image.path("aspectRatio").path("width").asInt() > 0
                            && image.path("aspectRatio").path("height").asInt() > 0,
                    400,
                    invalid.formatted("aspectRatio"));
        }
    }

    // https://docs.x.com/x-api/media/upload-media, /x-api/media/metadata-create
    void xMedia(HttpExchange ex, String path, byte[] raw) throws IOException {
        String invalid = "{\"title\":\"Invalid Request\",\"detail\":\"%s\",\"status\":400}";
        if (path.equals("/x/2/media/upload")) {
            Map<String, Part> parts = multipart(ex, raw, invalid.formatted("multipart expected"));
            Part file = parts.get("media");
            require(file != null && image(file.bytes()) != null, 400, invalid.formatted("media is not an image"));
            require(
                    parts.containsKey("media_category")
                            && parts.get("media_category").text().equals("tweet_image"),
                    400,
                    invalid.formatted("media_category"));
            String id = newMedia("", null);
            ObjectNode answer = json.createObjectNode();
            answer.putObject("data").put("id", id).put("media_key", "3_" + id);
            respond(ex, 200, answer.toString());
            return;
        }
        require(path.equals("/x/2/media/metadata"), 404, "{\"title\":\"Not Found Error\"}");
        JsonNode body = json.readTree(raw);
        String id = body.path("id").asText();
        String alt = body.path("metadata").path("alt_text").path("text").asText(null);
        require(known(id), 400, invalid.formatted("unknown media id"));
        require(alt != null && alt.codePointCount(0, alt.length()) <= 1000, 400, invalid.formatted("alt_text"));
        synchronized (this) {
            altTexts.put(id, alt);
        }
        ObjectNode answer = json.createObjectNode();
        answer.putObject("data").put("id", id);
        respond(ex, 200, answer.toString());
    }

    // https://learn.microsoft.com/linkedin/marketing/community-management/shares/images-api
    void linkedinImages(HttpExchange ex, String path, byte[] raw, String base) throws IOException {
        if (ex.getRequestMethod().equals("PUT")) {
            String image;
            synchronized (this) {
                image = linkedinUploads.remove(path);
            }
            require(image != null && image(raw) != null, 400, "{\"message\":\"Upload failed\",\"status\":400}");
            synchronized (this) {
                media.add(image);
            }
            respond(ex, 201, "");
            return;
        }
        require(
                "initializeUpload"
                        .equals(query(ex.getRequestURI().getRawQuery()).get("action")),
                400,
                "{\"message\":\"action=initializeUpload expected\",\"status\":400}");
        JsonNode body = json.readTree(raw);
        require(
                SocialStandIn.LINKEDIN_AUTHOR.equals(
                        body.path("initializeUploadRequest").path("owner").asText()),
                403,
                "{\"message\":\"Not enough permissions for owner\",\"status\":403}");
        long n = ids.incrementAndGet();
        String upload = "/linkedin/upload/" + n;
        synchronized (this) {
            linkedinUploads.put(upload, "urn:li:image:C" + n);
        }
        ObjectNode answer = json.createObjectNode();
        answer.putObject("value")
                .put("uploadUrlExpiresAt", 1_900_000_000_000L)
                .put("uploadUrl", base + upload)
                .put("image", "urn:li:image:C" + n);
        respond(ex, 200, answer.toString());
    }

    // https://developers.facebook.com/docs/instagram-platform/content-publishing and
    // https://developers.facebook.com/docs/threads/posts: container, status, publish, permalink, recent media
    void meta(HttpExchange ex, String platform, String path, byte[] raw) throws IOException {
        boolean threads = platform.equals("threads");
        String user = threads ? THREADS_USER : INSTAGRAM_USER;
        String token = threads ? THREADS_TOKEN : INSTAGRAM_TOKEN;
        String prefix = "/" + platform + (threads ? "/v1.0/" : "/v21.0/");
        String error = "{\"error\":{\"message\":\"%s\",\"type\":\"OAuthException\",\"code\":%d}}";
        require(path.startsWith(prefix), 404, error.formatted("Unknown path components", 2500));
        String rest = path.substring(prefix.length());
        Map<String, String> form = ex.getRequestMethod().equals("POST")
                ? query(new String(raw, StandardCharsets.UTF_8))
                : query(ex.getRequestURI().getRawQuery());
        require(token.equals(form.get("access_token")), 400, error.formatted("Invalid OAuth access token.", 190));
        String create = user + (threads ? "/threads" : "/media");
        String publish = user + (threads ? "/threads_publish" : "/media_publish");
        if (ex.getRequestMethod().equals("POST") && rest.equals(create)) {
            String text = form.getOrDefault(threads ? "text" : "caption", "");
            String type = threads ? form.getOrDefault("media_type", "") : "IMAGE";
            require(!threads || type.equals("IMAGE") || type.equals("TEXT"), 400, error.formatted("media_type", 100));
            if (type.equals("IMAGE")) {
                String url = form.get("image_url");
                require(url != null, 400, error.formatted("The parameter image_url is required.", 100));
                BufferedImage image =
                        image(fetch(url, error.formatted("Only photo or video can be accepted as media type.", 9004)));
                require(image != null, 400, error.formatted("The media could not be fetched.", 9004));
                double ratio = (double) image.getWidth() / image.getHeight();
                require(
                        threads || (ratio >= 0.8 - 1e-3 && ratio <= 1.91),
                        400,
                        error.formatted("The aspect ratio is not supported.", 36003));
            } else {
                require(!text.isBlank(), 400, error.formatted("The parameter text is required.", 100));
            }
            int limit = threads ? 500 : 2200;
            require(
                    (threads ? threadsLength(text) : text.codePointCount(0, text.length())) <= limit,
                    400,
                    error.formatted("Param text is too long", 100));
            String alt = form.get("alt_text");
            require(alt == null || alt.codePointCount(0, alt.length()) <= 1000, 400, error.formatted("alt_text", 100));
            String id = newMedia("", alt);
            ObjectNode container = json.createObjectNode()
                    .put("id", id)
                    .put("text", text)
                    .put("alt", alt)
                    .put("published", false)
                    .put("media_type", type);
            synchronized (this) {
                containers.put(id, container);
            }
            respond(ex, 200, json.createObjectNode().put("id", id).toString());
            return;
        }
        if (ex.getRequestMethod().equals("POST") && rest.equals(publish)) {
            ObjectNode container;
            synchronized (this) {
                container = containers.get(form.get("creation_id"));
                require(container != null, 400, error.formatted("Media ID is not available", 9007));
                require(
                        !container.path("published").asBoolean(),
                        400,
                        error.formatted("The media has already been published", 9007));
                container.put("published", true);
            }
            String id = String.valueOf(ids.incrementAndGet());
            ObjectNode body = json.createObjectNode()
                    .put("id", id)
                    .put("text", container.path("text").asText())
                    .put("alt", container.path("alt").asText(null))
                    .put("media_type", container.path("media_type").asText());
            owner.record(platform, body, ex);
            synchronized (this) {
                containers.put(id, body.put("permalink", "https://" + platform + ".example/p/" + id));
            }
            respond(ex, 200, json.createObjectNode().put("id", id).toString());
            return;
        }
        require(ex.getRequestMethod().equals("GET"), 404, error.formatted("Unsupported post request", 100));
        if (rest.equals(create)) {
            ObjectNode answer = json.createObjectNode();
            ArrayNode data = answer.putArray("data");
            for (SocialStandIn.Accepted a : owner.accepted(platform)) {
                data.addObject()
                        .put("id", a.id())
                        .put(threads ? "text" : "caption", a.body().path("text").asText())
                        .put("permalink", "https://" + platform + ".example/p/" + a.id());
            }
            respond(ex, 200, answer.toString());
            return;
        }
        ObjectNode item;
        synchronized (this) {
            item = containers.get(rest);
        }
        require(item != null, 400, error.formatted("Object does not exist", 100));
        String fields = form.getOrDefault("fields", "");
        ObjectNode answer = json.createObjectNode().put("id", rest);
        if (fields.contains("status")) {
            answer.put(threads ? "status" : "status_code", "FINISHED");
        }
        if (fields.contains("permalink")) {
            answer.put("permalink", item.path("permalink").asText());
        }
        respond(ex, 200, answer.toString());
    }

    /** Threads' count: 500 characters, "emojis are counted as the number of UTF-8 bytes" (per grapheme cluster). */
    static int threadsLength(String text) {
        com.ibm.icu.text.BreakIterator clusters = com.ibm.icu.text.BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int length = 0;
        for (int start = clusters.first(), end = clusters.next();
                end != com.ibm.icu.text.BreakIterator.DONE;
                start = end, end = clusters.next()) {
            String cluster = text.substring(start, end);
            boolean emoji = cluster.codePoints()
                    .anyMatch(cp -> com.ibm.icu.lang.UCharacter.hasBinaryProperty(
                                    cp, com.ibm.icu.lang.UProperty.EXTENDED_PICTOGRAPHIC)
                            || com.ibm.icu.lang.UCharacter.hasBinaryProperty(
                                    cp, com.ibm.icu.lang.UProperty.REGIONAL_INDICATOR));
            length += emoji
                    ? cluster.getBytes(StandardCharsets.UTF_8).length
                    : cluster.codePointCount(0, cluster.length());
        }
        return length;
    }

    // https://developers.tiktok.com/doc/content-posting-api-reference-photo-post
    void tiktok(HttpExchange ex, String path, byte[] raw) throws IOException {
        String error = "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"log_id\":\"202611300000000000\"}}";
        require(path.equals("/tiktok/v2/post/publish/content/init/"), 404, error.formatted("not_found", "Not found"));
        require(
                ("Bearer " + TIKTOK_TOKEN).equals(header(ex, "Authorization")),
                401,
                error.formatted("access_token_invalid", "The access token is invalid or not found in the request."));
        require(
                SocialStandIn.contentType(ex).startsWith("application/json"),
                400,
                error.formatted("invalid_params", "Content-Type must be application/json"));
        JsonNode body = json.readTree(raw);
        String invalid = "invalid_params";
        require("PHOTO".equals(body.path("media_type").asText()), 400, error.formatted(invalid, "media_type"));
        require(
                Set.of("DIRECT_POST", "MEDIA_UPLOAD")
                        .contains(body.path("post_mode").asText()),
                400,
                error.formatted(invalid, "post_mode"));
        JsonNode info = body.path("post_info");
        String title = info.path("title").asText("");
        require(title.codePointCount(0, title.length()) <= 90, 400, error.formatted(invalid, "title is too long"));
        String description = info.path("description").asText("");
        require(
                description.codePointCount(0, description.length()) <= 4000,
                400,
                error.formatted(invalid, "description is too long"));
        require(
                Set.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY")
                        .contains(info.path("privacy_level").asText()),
                400,
                error.formatted(invalid, "privacy_level"));
        JsonNode source = body.path("source_info");
        require("PULL_FROM_URL".equals(source.path("source").asText()), 400, error.formatted(invalid, "source"));
        JsonNode images = source.path("photo_images");
        require(
                images.isArray() && images.size() >= 1 && images.size() <= 35,
                400,
                error.formatted(invalid, "photo_images"));
        require(
                source.path("photo_cover_index").asInt(-1) >= 0
                        && source.path("photo_cover_index").asInt() < images.size(),
                400,
                error.formatted(invalid, "photo_cover_index"));
        for (JsonNode url : images) {
            require(
                    image(fetch(url.asText(), error.formatted("file_format_check_failed", "JPEG or WEBP only")))
                            != null,
                    400,
                    error.formatted("file_format_check_failed", "not an image"));
        }
        long id = owner.record("tiktok", body, ex);
        ObjectNode answer = json.createObjectNode();
        answer.putObject("data").put("publish_id", "p_pub_url~v2." + id);
        answer.putObject("error").put("code", "ok").put("message", "").put("log_id", "202611300000000000");
        respond(ex, 200, answer.toString());
    }
}
