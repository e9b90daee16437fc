package io.herald.support;

import java.time.Duration;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import static io.restassured.RestAssured.given;

/** Calls to Herald's API as the test users (passwords from the test profile). */
public final class Api {

    public static final String EDITOR_PASSWORD = "editor-test-password";
    public static final String OPS_PASSWORD = "ops-test-password";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private Api() {}

    public static RequestSpecification editor() {
        return given().auth().preemptive().basic("editor", EDITOR_PASSWORD);
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    public static RequestSpecification ops() {
        return given().auth().preemptive().basic("ops", OPS_PASSWORD);
    }

    /** Posts the seed article (the sample Herald ships, in the newsroom's plain shape); returns its id. */
    public static long postSeed() {
        return articleId(editor().contentType("text/plain; charset=UTF-8").body(Fixtures.seed()));
    }

    /** Posts an article in the newsroom's plain-text shape (title line, blank line, paragraphs); returns its id. */
    public static long postText(String text) {
        return articleId(editor().contentType("text/plain; charset=UTF-8")
                .body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Posts an article as JSON; returns its id (new or existing). */
    public static long postArticle(String title, String body) {
        String json = "{\"title\":" + quote(title) + ",\"body\":" + quote(body) + "}";
        return articleId(editor().contentType("application/json").body(json));
    }

    /** Posts the article the request carries: 201 when new, 200 when Herald already has it; its id either way. */
    private static long articleId(io.restassured.specification.RequestSpecification request) {
        return request.post("/api/articles")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(200)))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** Adds a new feed for one list (201, the feed naming that list alone); returns its id. */
    public static long addFeed(String url, String list) {
        return ops().contentType("application/json")
                .body("{\"url\":" + quote(url) + ",\"lists\":[" + quote(list) + "]}")
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .body("lists", org.hamcrest.Matchers.contains(list))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** Polls a feed now; answers what the poll did ("result") and the feed after it ("feed"). */
    public static io.restassured.path.json.JsonPath pollFeed(long feed) {
        return ops().post("/api/feeds/" + feed + "/poll")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** POST /api/sends with this JSON body; requires 202 and returns the send's id. */
    public static long startSend(String json) {
        return ops().contentType("application/json")
                .body(json)
                .post("/api/sends")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** Starts a real send and waits until its ledger is final; returns the finished report. */
    public static Response sendAndWait(long article, String list) {
        long id = startSend("{\"article\":" + article + ",\"list\":\"" + list + "\",\"dryRun\":false}");
        return awaitFinished(id);
    }

    public static Response awaitFinished(long sendId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "finished"
                        .equals(ops().get("/api/sends/" + sendId).jsonPath().getString("status")));
        return ops().get("/api/sends/" + sendId);
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
