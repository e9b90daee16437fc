package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ibm.icu.text.BreakIterator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;

/**
 * Loopback stand-ins for the social platforms' APIs, written from their documentation: each checks what the
 * platform requires (path, auth header, body fields, length by the platform's own rule, Bluesky's facet byte
 * offsets, LinkedIn's escaping, the webhook signature) and answers 400 with the platform's error shape when a
 * request is wrong, so a publisher that builds a bad request fails its test. Every accepted post is recorded; tests
 * can script the next answers (429 with Retry-After, 500, 401).
 */
public class SocialStandIn {

    public static final String TELEGRAM_TOKEN = "123456:telegram-test-token";
    public static final String MASTODON_TOKEN = "mastodon-test-token";
    public static final String BLUESKY_HANDLE = "newsroom.test";
    public static final String BLUESKY_PASSWORD = "abcd-efgh-ijkl-mnop";
    public static final String BLUESKY_DID = "did:plc:newsroomtest000000000000";
    public static final String X_TOKEN = "x-user-test-token";
    public static final String X_USER = "1234567890";
    public static final String FACEBOOK_PAGE = "987654321";
    public static final String FACEBOOK_TOKEN = "facebook-page-test-token";
    public static final String LINKEDIN_TOKEN = "linkedin-test-token";
    public static final String LINKEDIN_AUTHOR = "urn:li:organization:5515715";
    public static final String WEBHOOK_SECRET = "webhook-test-secret";

    /** One post a platform accepted. */
    public record Accepted(String platform, String id, JsonNode body, Map<String, String> headers) {}

    private record Scripted(String bodyContains, int status, String body, Map<String, String> headers) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final Map<String, Deque<Scripted>> script = new HashMap<>();
    private final Map<String, JsonNode> mastodonByKey = new HashMap<>();
    private final Map<String, String> webhookDeliveries = new HashMap<>();
    private final Map<String, ObjectNode> blueskyRecords = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final MediaStandIn media = new MediaStandIn(this);

    /**
     * The platforms answer requests at once, as the real ones do. Without an executor the JDK server answers one
     * request at a time on its dispatcher thread: one slow request (a container whose image is fetched from Herald)
     * would hold every other platform's request, and Herald's request timeout (5 s in tests) would fall on that wait.
     */
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "social-stand-in");
        t.setDaemon(true);
        return t;
    });

    public SocialStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    public synchronized List<Accepted> accepted(String platform) {
        return accepted.stream().filter(a -> a.platform().equals(platform)).toList();
    }

    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Every request line seen, as "platform METHOD path". */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Instagram, Threads and TikTok fetch images from Herald's public URL: in a test that URL's host is reached at
     * {@code fetchPrefix} (the test server's loopback address).
     */
    public void imageHost(String publicPrefix, String fetchPrefix) {
        media.imageHost(publicPrefix, fetchPrefix);
    }

    /** The description a platform holds for an uploaded image or a container. */
    public String altText(String mediaId) {
        return media.alt(mediaId);
    }

    public synchronized void reset() {
        media.reset();
        accepted.clear();
        requests.clear();
        script.clear();
        mastodonByKey.clear();
        webhookDeliveries.clear();
        blueskyRecords.clear();
    }

    /**
     * The platform's next write whose body contains {@code bodyContains} (an article's link, say, so posts of other
     * tests' articles pass) answers this instead of taking the post.
     */
    public synchronized void failNext(
            String platform, String bodyContains, int status, String body, Map<String, String> headers) {
        script.computeIfAbsent(platform, p -> new ArrayDeque<>())
                .add(new Scripted(bodyContains, status, body, headers));
    }

    private void handle(HttpExchange ex) throws IOException {
        // The refusal is answered inside the try: try-with-resources closes the exchange before a catch runs, and a
        // closed exchange answers nothing (the client saw "no bytes" instead of the platform's error).
        try (ex) {
            try {
                answer(ex);
            } catch (Refusal r) {
                respond(ex, r.status, r.body);
            } catch (RuntimeException e) {
                respond(ex, 500, "{\"error\":\"stand-in failed: " + e + "\"}");
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        {
            String path = ex.getRequestURI().getPath();
            String platform = path.split("/")[1];
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (this) {
                requests.add(platform + " " + ex.getRequestMethod() + " " + path);
                boolean write = "POST".equals(ex.getRequestMethod()) && !path.endsWith("createSession");
                Deque<Scripted> next = script.get(platform);
                String text = decodedBoth(new String(body, StandardCharsets.UTF_8));
                if (write
                        && next != null
                        && !next.isEmpty()
                        && text.contains(next.peek().bodyContains())) {
                    Scripted s = next.poll();
                    s.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                    respond(ex, s.status(), s.body());
                    return;
                }
            }
            switch (platform) {
                case "telegram" -> telegram(ex, path, body);
                case "mastodon" -> mastodon(ex, path, body);
                case "bluesky" -> bluesky(ex, path, body);
                case "x" -> x(ex, path, body);
                case "facebook" -> facebook(ex, path, body);
                case "linkedin" -> linkedin(ex, path, body);
                case "instagram", "threads" -> media.meta(ex, platform, path, body);
                case "tiktok" -> media.tiktok(ex, path, body);
                case "webhook" -> webhook(ex, body);
                default -> respond(ex, 404, "{\"error\":\"no such platform\"}");
            }
        }
    }

    static final class Refusal extends RuntimeException {
        final int status;
        final String body;

        Refusal(int status, String body) {
            super(body);
            this.status = status;
            this.body = body;
        }
    }

    static void require(boolean condition, int status, String body) {
        if (!condition) {
            throw new Refusal(status, body);
        }
    }

    // https://core.telegram.org/bots/api#making-requests, #sendmessage, #sendphoto, #formatting-options
    private void telegram(HttpExchange ex, String path, byte[] raw) throws IOException {
        String bad = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: %s\"}";
        require(
                path.startsWith("/telegram/bot" + TELEGRAM_TOKEN + "/"),
                401,
                "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        String method = path.substring(path.lastIndexOf('/') + 1);
        require(
                method.equals("sendMessage") || method.equals("sendPhoto"),
                404,
                "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        boolean upload = contentType(ex).startsWith("multipart/form-data");
        require(
                upload ? method.equals("sendPhoto") : contentType(ex).startsWith("application/json"),
                400,
                bad.formatted("expected JSON"));
        JsonNode body = upload ? media.telegramPhoto(ex, raw, bad) : json.readTree(raw);
        require(body.path("chat_id").asText().equals("@astanatimes"), 400, bad.formatted("chat not found"));
        String field = method.equals("sendPhoto") ? "caption" : "text";
        String html = body.path(field).asText();
        require("HTML".equals(body.path("parse_mode").asText()), 400, bad.formatted("parse_mode must be HTML"));
        String visible = telegramEntities(html, bad);
        int limit = method.equals("sendPhoto") ? 1024 : 4096;
        require(
                !visible.isBlank() && visible.length() <= limit,
                400,
                bad.formatted(method.equals("sendPhoto") ? "message caption is too long" : "message is too long"));
        if (method.equals("sendPhoto") && !upload) {
            require(body.path("photo").asText().startsWith("http"), 400, bad.formatted("wrong photo"));
        }
        long id = record("telegram", body, ex);
        ObjectNode result = json.createObjectNode();
        result.putObject("result")
                .put("message_id", id)
                .put("date", 1_700_000_000)
                .putObject("chat")
                .put("id", -1001234567890L)
                .put("type", "channel")
                .put("username", "astanatimes");
        result.put("ok", true);
        respond(ex, 200, result.toString());
    }

    private static final String LITTLE_TEXT_RESERVED = "()[]{}<>@|~_*#\\";
    private static final String HASHTAG_TEMPLATE = "{hashtag|\\#|";

    /**
     * LinkedIn's little text format as LinkedIn reads it: a backslash makes the reserved character after it plain,
     * {hashtag|\#|Tag} is the hashtag #Tag, and any other reserved character is refused (LinkedIn cuts the text
     * there). Returns the text a reader sees.
     */
    public static String linkedinVisible(String commentary) {
        String refused = "{\"message\":\"commentary has unescaped reserved characters\",\"status\":422}";
        StringBuilder visible = new StringBuilder();
        for (int i = 0; i < commentary.length(); i++) {
            if (commentary.startsWith(HASHTAG_TEMPLATE, i)) {
                int end = commentary.indexOf('}', i);
                require(end > 0, 422, refused);
                visible.append('#').append(linkedinVisible(commentary.substring(i + HASHTAG_TEMPLATE.length(), end)));
                i = end;
                continue;
            }
            char c = commentary.charAt(i);
            if (c == '\\') {
                require(
                        i + 1 < commentary.length() && LITTLE_TEXT_RESERVED.indexOf(commentary.charAt(i + 1)) >= 0,
                        422,
                        refused);
                visible.append(commentary.charAt(++i));
                continue;
            }
            require(LITTLE_TEXT_RESERVED.indexOf(c) < 0, 422, refused);
            visible.append(c);
        }
        return visible.toString();
    }

    /** The text a Telegram reader sees of an HTML-mode message; refused as Telegram refuses it. */
    public static String telegramVisible(String html) {
        return telegramEntities(html, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: %s\"}");
    }

    /** Telegram's HTML mode: only its tags, every & an entity, no stray angle bracket. Returns the visible text. */
    private static String telegramEntities(String html, String bad) {
        String noTags =
                html.replaceAll("</?(b|strong|i|em|u|ins|s|strike|del|code|pre)>|<a href=\"[^\"<>]+\">|</a>", "");
        require(
                noTags.indexOf('<') < 0 && noTags.indexOf('>') < 0,
                400,
                bad.formatted("can't parse entities: unsupported start tag"));
        require(
                !noTags.matches("(?s).*&(?!(amp|lt|gt|quot);).*"),
                400,
                bad.formatted("can't parse entities: unsupported entity"));
        return noTags.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    // https://docs.joinmastodon.org/methods/statuses/#create
    private void mastodon(HttpExchange ex, String path, byte[] raw) throws IOException {
        if (path.equals("/mastodon/api/v2/media")) {
            require(
                    ("Bearer " + MASTODON_TOKEN).equals(header(ex, "Authorization")),
                    401,
                    "{\"error\":\"The access token is invalid\"}");
            media.mastodonMedia(ex, raw);
            return;
        }
        require(
                path.equals("/mastodon/api/v1/statuses")
                        && ex.getRequestMethod().equals("POST"),
                404,
                "{\"error\":\"Record not found\"}");
        require(
                ("Bearer " + MASTODON_TOKEN).equals(header(ex, "Authorization")),
                401,
                "{\"error\":\"The access token is invalid\"}");
        String key = header(ex, "Idempotency-Key");
        require(key != null && !key.isBlank(), 422, "{\"error\":\"Herald always sends an Idempotency-Key\"}");
        JsonNode body = json.readTree(raw);
        String status = body.path("status").asText();
        int length = status.codePointCount(0, status.length());
        for (String url : new Extractor().extractURLs(status)) {
            length += 23 - url.codePointCount(0, url.length());
        }
        require(
                !status.isBlank() && length <= 500,
                422,
                "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}");
        for (JsonNode id : body.path("media_ids")) {
            require(media.known(id.asText()), 422, "{\"error\":\"Validation failed: media_ids is invalid\"}");
        }
        synchronized (this) {
            JsonNode earlier = mastodonByKey.get(key);
            if (earlier != null) {
                respond(ex, 200, earlier.toString());
                return;
            }
            long id = record("mastodon", body, ex);
            ObjectNode answer = json.createObjectNode()
                    .put("id", String.valueOf(id))
                    .put("url", "https://mastodon.example/@newsroom/" + id)
                    .put("content", status);
            mastodonByKey.put(key, answer);
            respond(ex, 200, answer.toString());
        }
    }

    // https://docs.bsky.app/docs/advanced-guides/posts, /post-richtext; https://atproto.com/specs/tid
    private void bluesky(HttpExchange ex, String path, byte[] raw) throws IOException {
        String method = path.substring(path.lastIndexOf('/') + 1);
        if (method.equals("com.atproto.server.createSession")) {
            JsonNode body = json.readTree(raw);
            require(
                    BLUESKY_HANDLE.equals(body.path("identifier").asText())
                            && BLUESKY_PASSWORD.equals(body.path("password").asText()),
                    401,
                    "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
            respond(
                    ex,
                    200,
                    json.createObjectNode()
                            .put("accessJwt", "access-jwt")
                            .put("refreshJwt", "refresh-jwt")
                            .put("handle", BLUESKY_HANDLE)
                            .put("did", BLUESKY_DID)
                            .toString());
            return;
        }
        require(
                "Bearer access-jwt".equals(header(ex, "Authorization")),
                401,
                "{\"error\":\"AuthenticationRequired\",\"message\":\"Authentication Required\"}");
        if (method.equals("com.atproto.repo.getRecord")) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            synchronized (this) {
                ObjectNode found = blueskyRecords.get(q.get("rkey"));
                require(
                        found != null && BLUESKY_DID.equals(q.get("repo")),
                        400,
                        "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}");
                respond(ex, 200, found.toString());
            }
            return;
        }
        if (method.equals("com.atproto.repo.uploadBlob")) {
            media.blueskyBlob(ex, raw);
            return;
        }
        require(method.equals("com.atproto.repo.createRecord"), 404, "{\"error\":\"MethodNotImplemented\"}");
        JsonNode body = json.readTree(raw);
        String invalid = "{\"error\":\"InvalidRequest\",\"message\":\"%s\"}";
        require(BLUESKY_DID.equals(body.path("repo").asText()), 400, invalid.formatted("repo"));
        require("app.bsky.feed.post".equals(body.path("collection").asText()), 400, invalid.formatted("collection"));
        String rkey = body.path("rkey").asText();
        require(
                rkey.matches("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$"),
                400,
                invalid.formatted("rkey is not a TID"));
        JsonNode record = body.path("record");
        require("app.bsky.feed.post".equals(record.path("$type").asText()), 400, invalid.formatted("$type"));
        require(
                record.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
                400,
                invalid.formatted("createdAt"));
        if (record.path("embed").path("$type").asText().equals("app.bsky.embed.images")) {
            media.blueskyImages(record.path("embed"), invalid);
        }
        String text = record.path("text").asText();
        require(graphemes(text) <= 300, 400, invalid.formatted("Record/text must not be longer than 300 graphemes"));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (JsonNode facet : record.path("facets")) {
            int start = facet.path("index").path("byteStart").asInt(-1);
            int end = facet.path("index").path("byteEnd").asInt(-1);
            require(start >= 0 && end <= utf8.length && start < end, 400, invalid.formatted("facet index"));
            String slice = new String(utf8, start, end - start, StandardCharsets.UTF_8);
            JsonNode feature = facet.path("features").path(0);
            String type = feature.path("$type").asText();
            if (type.equals("app.bsky.richtext.facet#link")) {
                require(
                        slice.equals(feature.path("uri").asText()),
                        400,
                        invalid.formatted("link facet covers '" + slice + "'"));
            } else if (type.equals("app.bsky.richtext.facet#tag")) {
                require(
                        slice.equals("#" + feature.path("tag").asText()),
                        400,
                        invalid.formatted("tag facet covers '" + slice + "'"));
            } else {
                throw new Refusal(400, invalid.formatted("unknown facet " + type));
            }
        }
        synchronized (this) {
            require(!blueskyRecords.containsKey(rkey), 400, invalid.formatted("Record already exists"));
            record("bluesky", body, ex);
            String uri = "at://" + BLUESKY_DID + "/app.bsky.feed.post/" + rkey;
            blueskyRecords.put(
                    rkey,
                    json.createObjectNode()
                            .put("uri", uri)
                            .put("cid", "bafy" + rkey)
                            .set("value", record));
            respond(
                    ex,
                    200,
                    json.createObjectNode()
                            .put("uri", uri)
                            .put("cid", "bafy" + rkey)
                            .toString());
        }
    }

    // https://docs.x.com/x-api/posts/creation-of-a-post, /x-api/users/get-posts
    private void x(HttpExchange ex, String path, byte[] raw) throws IOException {
        require(
                ("Bearer " + X_TOKEN).equals(header(ex, "Authorization")),
                401,
                "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
        if (ex.getRequestMethod().equals("GET")) {
            require(path.equals("/x/2/users/" + X_USER + "/tweets"), 404, "{\"title\":\"Not Found Error\"}");
            ObjectNode answer = json.createObjectNode();
            ArrayNode data = answer.putArray("data");
            for (Accepted a : accepted("x")) {
                ObjectNode tweet = data.addObject()
                        .put("id", a.id())
                        .put("text", a.body().path("text").asText());
                ArrayNode urls = tweet.putObject("entities").putArray("urls");
                for (String url :
                        new Extractor().extractURLs(a.body().path("text").asText())) {
                    urls.addObject().put("url", "https://t.co/abc").put("expanded_url", url);
                }
            }
            respond(ex, 200, answer.toString());
            return;
        }
        if (path.startsWith("/x/2/media/")) {
            media.xMedia(ex, path, raw);
            return;
        }
        require(path.equals("/x/2/tweets"), 404, "{\"title\":\"Not Found Error\"}");
        JsonNode body = json.readTree(raw);
        for (JsonNode id : body.path("media").path("media_ids")) {
            require(
                    media.known(id.asText()),
                    400,
                    "{\"title\":\"Invalid Request\",\"detail\":\"Your media IDs are invalid.\"}");
        }
        String text = body.path("text").asText();
        require(
                TwitterTextParser.parseTweet(text).isValid,
                400,
                "{\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                        + "\"errors\":[{\"message\":\"text is too long\"}]}");
        long id = record("x", body, ex);
        respond(
                ex,
                201,
                json.createObjectNode()
                        .set(
                                "data",
                                json.createObjectNode()
                                        .put("id", String.valueOf(id))
                                        .put("text", text))
                        .toString());
    }

    // https://developers.facebook.com/docs/pages-api/posts
    private void facebook(HttpExchange ex, String path, byte[] raw) throws IOException {
        String feed = "/facebook/v21.0/" + FACEBOOK_PAGE + "/feed";
        String oauth = "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\","
                + "\"code\":190}}";
        if (path.equals("/facebook/v21.0/" + FACEBOOK_PAGE + "/photos")) {
            facebookPhoto(ex, raw, oauth);
            return;
        }
        require(path.equals(feed), 404, "{\"error\":{\"message\":\"Unknown path components\",\"code\":2500}}");
        if (ex.getRequestMethod().equals("GET")) {
            require(
                    FACEBOOK_TOKEN.equals(
                            query(ex.getRequestURI().getRawQuery()).get("access_token")),
                    400,
                    oauth);
            ObjectNode answer = json.createObjectNode();
            ArrayNode data = answer.putArray("data");
            for (Accepted a : accepted("facebook")) {
                data.addObject()
                        .put("id", a.id())
                        .put("link", a.body().path("link").asText())
                        .put("message", a.body().path("message").asText());
            }
            respond(ex, 200, answer.toString());
            return;
        }
        require(
                contentType(ex).startsWith("application/x-www-form-urlencoded"),
                400,
                "{\"error\":{\"message\":\"(#100) form encoding expected\",\"code\":100}}");
        Map<String, String> form = query(new String(raw, StandardCharsets.UTF_8));
        require(FACEBOOK_TOKEN.equals(form.get("access_token")), 400, oauth);
        require(
                form.get("message") != null && !form.get("message").isBlank(),
                400,
                "{\"error\":{\"message\":\"(#100) message or link required\",\"code\":100}}");
        ObjectNode body =
                json.createObjectNode().put("message", form.get("message")).put("link", form.get("link"));
        long id = record("facebook", body, ex);
        respond(
                ex,
                200,
                json.createObjectNode().put("id", FACEBOOK_PAGE + "_" + id).toString());
    }

    // https://developers.facebook.com/docs/graph-api/reference/page/photos/#Creating: source (multipart) and message
    private void facebookPhoto(HttpExchange ex, byte[] raw, String oauth) throws IOException {
        Map<String, MediaStandIn.Part> parts =
                MediaStandIn.multipart(ex, raw, "{\"error\":{\"message\":\"(#100) multipart expected\",\"code\":100}}");
        require(
                parts.containsKey("access_token")
                        && FACEBOOK_TOKEN.equals(parts.get("access_token").text()),
                400,
                oauth);
        MediaStandIn.Part source = parts.get("source");
        require(
                source != null && MediaStandIn.image(source.bytes()) != null,
                400,
                "{\"error\":{\"message\":\"(#324) Requires upload file\",\"code\":324}}");
        ObjectNode body = json.createObjectNode()
                .put(
                        "message",
                        parts.containsKey("message") ? parts.get("message").text() : "")
                .put("photo", true);
        long id = record("facebook", body, ex);
        respond(
                ex,
                200,
                json.createObjectNode()
                        .put("id", String.valueOf(id))
                        .put("post_id", FACEBOOK_PAGE + "_" + id)
                        .toString());
    }

    // https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api,
    // https://learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format
    private void linkedin(HttpExchange ex, String path, byte[] raw) throws IOException {
        require(
                ("Bearer " + LINKEDIN_TOKEN).equals(header(ex, "Authorization")),
                401,
                "{\"message\":\"Invalid access token\",\"status\":401}");
        if (path.startsWith("/linkedin/upload/")) {
            media.linkedinImages(ex, path, raw, base());
            return;
        }
        require(
                path.equals("/linkedin/rest/posts") || path.equals("/linkedin/rest/images"),
                404,
                "{\"message\":\"Not found\",\"status\":404}");
        require(
                String.valueOf(header(ex, "LinkedIn-Version")).matches("\\d{6}"),
                426,
                "{\"message\":\"A version must be present\",\"status\":426}");
        require(
                "2.0.0".equals(header(ex, "X-Restli-Protocol-Version")),
                400,
                "{\"message\":\"Restli protocol version 2.0.0 required\",\"status\":400}");
        if (path.equals("/linkedin/rest/images")) {
            media.linkedinImages(ex, path, raw, base());
            return;
        }
        JsonNode body = json.readTree(raw);
        JsonNode posted = body.path("content").path("media");
        require(
                posted.isMissingNode()
                        || (media.known(posted.path("id").asText())
                                && posted.path("altText").isTextual()),
                422,
                "{\"message\":\"content.media.id is not an uploaded image\",\"status\":422}");
        require(
                LINKEDIN_AUTHOR.equals(body.path("author").asText()),
                403,
                "{\"message\":\"Not enough permissions for author\",\"status\":403}");
        require(
                "PUBLIC".equals(body.path("visibility").asText())
                        && "MAIN_FEED"
                                .equals(body.path("distribution")
                                        .path("feedDistribution")
                                        .asText())
                        && "PUBLISHED".equals(body.path("lifecycleState").asText()),
                422,
                "{\"message\":\"visibility, distribution and lifecycleState are required\",\"status\":422}");
        linkedinVisible(body.path("commentary").asText());
        long id = record("linkedin", body, ex);
        ex.getResponseHeaders().add("x-restli-id", "urn:li:share:" + id);
        respond(ex, 201, "");
    }

    private void webhook(HttpExchange ex, byte[] raw) throws IOException {
        String delivery = header(ex, "X-Herald-Delivery");
        String signature = header(ex, "X-Herald-Signature");
        require(
                delivery != null && signature != null && signature.equals("sha256=" + hmac(raw)),
                401,
                "{\"error\":\"bad signature\"}");
        JsonNode body = json.readTree(raw);
        synchronized (this) {
            String earlier = webhookDeliveries.get(delivery);
            if (earlier == null) {
                earlier = String.valueOf(record("webhook", body, ex));
                webhookDeliveries.put(delivery, earlier);
            }
            respond(
                    ex,
                    200,
                    json.createObjectNode()
                            .put("id", earlier)
                            .put("url", "https://hooks.example/posts/" + earlier)
                            .toString());
        }
    }

    synchronized long record(String platform, JsonNode body, HttpExchange ex) {
        long id = ids.incrementAndGet();
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        accepted.add(new Accepted(platform, String.valueOf(id), body, headers));
        return id;
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int graphemes(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int n = 0;
        while (it.next() != BreakIterator.DONE) {
            n++;
        }
        return n;
    }

    /** The body as sent and, for form posts, URL-decoded (Facebook's link is form-encoded). */
    private static String decodedBoth(String raw) {
        try {
            return raw + "\n" + URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    static String header(HttpExchange ex, String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    static String contentType(HttpExchange ex) {
        String type = header(ex, "Content-Type");
        return type == null ? "" : type;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @SuppressWarnings("unused")
    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
