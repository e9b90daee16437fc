package io.herald.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON, CSV and HTML body the API takes, fed random and broken input: no answer is a 500, every refusal is
 * problem+json with a reason, and what was accepted never becomes markup in the email Herald renders.
 */
@QuarkusTest
@Tag("fuzz")
class ApiFuzzTest {

    interface Call {
        Response call(Noise noise, int i);
    }

    static final String[] JSON_PIECES = {
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "true",
        "1e999",
        "-0",
        "\"title\"",
        "\"body\"",
        "\"url\"",
        "\"article\"",
        "\"articles\"",
        "\"list\"",
        "\"dryRun\"",
        "\"lists\"",
        "\"email\"",
        "\"text\"",
        "\"held\"",
        "\"demo\"",
        "\"javascript:alert(1)\"",
        "\"http://169.254.169.254/\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "12345678901234567890",
        "\"x\""
    };

    static String json(Noise noise) {
        if (noise.coin()) {
            StringBuilder b = new StringBuilder();
            int n = noise.below(30);
            for (int i = 0; i < n; i++) {
                b.append(JSON_PIECES[noise.below(JSON_PIECES.length)]);
            }
            return b.toString();
        }
        // Well-formed objects with odd values
        String[] keys = {
            "title",
            "body",
            "url",
            "article",
            "articles",
            "list",
            "dryRun",
            "lists",
            "email",
            "text",
            "held",
            "name",
            "website"
        };
        StringBuilder b = new StringBuilder("{");
        int n = noise.below(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(keys[noise.below(keys.length)])
                    .append("\":");
            int kind = noise.below(5);
            b.append(
                    switch (kind) {
                        case 0 -> io.herald.support.Api.quote(noise.text(8));
                        case 1 -> String.valueOf(noise.below(100) - 50);
                        case 2 -> "[" + noise.below(1000) + "," + io.herald.support.Api.quote(noise.text(2)) + "]";
                        case 3 -> "null";
                        default -> noise.coin() ? "true" : "{}";
                    });
        }
        return b.append('}').toString();
    }

    static void cases(String target, long seed, Call call) {
        Noise noise = new Noise(seed);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < Noise.CASES; i++) {
            Response r = call.call(noise, i);
            int status = r.statusCode();
            if (status >= 500) {
                bad.add("case " + i + ": " + status + " " + r.asString());
            } else if (status >= 400 && status != 401 && status != 403 && status != 404 && status != 429) {
                String type = String.valueOf(r.contentType());
                if (!type.startsWith("application/problem+json") && !type.startsWith("text/html")) {
                    bad.add("case " + i + ": " + status + " without problem+json (" + type + ")");
                } else if (type.startsWith("application/problem+json")
                        && (r.jsonPath().getString("detail") == null
                                || r.jsonPath().getString("detail").isBlank())) {
                    bad.add("case " + i + ": " + status + " problem without a reason");
                }
            }
            if (bad.size() > 5) {
                break;
            }
        }
        System.out.printf("fuzz %s: %d cases%n", target, Noise.CASES);
        assertThat(bad).as(target + " (seed " + seed + ")").isEmpty();
    }

    static RequestSpecification ops(String type, String body) {
        return Api.ops().contentType(type).body(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void articlesAsJson() {
        cases(
                "POST /api/articles json",
                11,
                (noise, i) -> ops("application/json", json(noise)).post("/api/articles"));
    }

    @Test
    void articlesAsTextAndMarkdown() {
        cases(
                "POST /api/articles text+markdown",
                12,
                (noise, i) -> ops(
                                noise.coin() ? "text/plain; charset=UTF-8" : "text/markdown; charset=UTF-8",
                                noise.text(30))
                        .post("/api/articles"));
    }

    @Test
    void sendsFeedsTeasersSignupAndImports() {
        long article = Api.postArticle("Fuzz Target Story", "ASTANA – A story the fuzzer edits.\n\nFollow us on X.");
        cases(
                "POST /api/sends",
                13,
                (noise, i) -> ops("application/json", json(noise)).post("/api/sends"));
        cases(
                "POST /api/feeds",
                14,
                (noise, i) -> ops("application/json", json(noise)).post("/api/feeds"));
        cases(
                "PUT teasers",
                15,
                (noise, i) -> Api.editor()
                        .contentType("application/json")
                        .body(json(noise).getBytes(StandardCharsets.UTF_8))
                        .put("/api/articles/" + article + "/teasers/x"));
        cases(
                "POST /subscribe",
                16,
                (noise, i) -> given().contentType(
                                noise.coin() ? "application/json" : "application/x-www-form-urlencoded")
                        .body(noise.coin() ? json(noise) : noise.text(10))
                        .post("/subscribe"));
        cases(
                "POST /api/lists/fuzz/members",
                17,
                (noise, i) -> ops("text/csv; charset=UTF-8", "email,name\n" + noise.text(20))
                        .post("/api/lists/fuzz/members"));
    }

    static String htmlPart(byte[] raw) {
        try {
            jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(raw));
            return io.herald.support.Mailboxes.part(message, "text/html");
        } catch (Exception e) {
            throw new AssertionError("the message Herald built does not parse: " + e.getMessage(), e);
        }
    }

    /** Random HTML posted as articles: in the email rendered for them no element, attribute or URL of it is live. */
    @Test
    void htmlArticlesNeverBecomeLiveMarkupInTheEmail() {
        Noise noise = new Noise(18);
        int rendered = 0;
        for (int i = 0; i < Noise.CASES; i++) {
            Response r = ops("text/html; charset=UTF-8", "<h1>" + noise.text(3) + "</h1>" + noise.text(40))
                    .post("/api/articles");
            assertThat(r.statusCode()).as("case %d: %s", i, r.asString()).isLessThan(500);
            if (r.statusCode() == 201 && rendered < 300) {
                rendered++;
                // The exact message the list's first reader would get (its HTML part), not the preview page, which
                // also asks SpamAssassin for a score (seconds per article, and not what this test checks).
                byte[] raw = Api.editor()
                        .get("/api/articles/" + r.jsonPath().getLong("id") + "/email?list=demo")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
                Document email = Jsoup.parse(htmlPart(raw));
                int n = i;
                assertThat(email.select("script, iframe, object, embed, form, svg"))
                        .as("case %d", n)
                        .isEmpty();
                for (Element e : email.getAllElements()) {
                    e.attributes().forEach(a -> {
                        assertThat(a.getKey())
                                .as("case %d: attribute on <%s>", n, e.tagName())
                                .doesNotStartWith("on");
                        assertThat(a.getValue().strip().toLowerCase())
                                .as("case %d", n)
                                .doesNotStartWith("javascript:");
                    });
                }
            }
        }
        System.out.printf("fuzz html articles: %d cases, %d emails rendered and checked%n", Noise.CASES, rendered);
    }
}
