package io.herald.web;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** Bad input gets problem+json naming the field and reason, and nothing is stored. */
@QuarkusTest
class ValidationTest {

    private static int articleCount() {
        return Api.editor()
                .get("/api/articles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id")
                .size();
    }

    private static void refused(Supplier<ValidatableResponse> call, int status, String field) {
        int before = articleCount();
        call.get()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(status))
                .body("errors[0].field", is(field));
        assertThat(articleCount()).isEqualTo(before);
    }

    private static ValidatableResponse postText(byte[] body) {
        return Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(body)
                .post("/api/articles")
                .then();
    }

    @Test
    void emptyBody() {
        refused(() -> postText(new byte[0]), 400, "title");
        refused(() -> postText("A title only\n\n\n".getBytes(StandardCharsets.UTF_8)), 400, "body");
    }

    @Test
    void noTitle() {
        refused(() -> postText("\n\nA body without a title line.".getBytes(StandardCharsets.UTF_8)), 400, "title");
        refused(
                () -> Api.editor()
                        .contentType("application/json")
                        .body("{\"body\":\"Text\"}")
                        .post("/api/articles")
                        .then(),
                400,
                "title");
    }

    /** A value of the wrong kind names its field and what it should be, in the API's words, not Java's types. */
    @Test
    void aValueOfTheWrongKindSaysWhatItShouldBe() {
        refused(
                () -> Api.editor()
                        .contentType("application/json")
                        .body("{\"title\":\"T\",\"body\":[\"x\"]}")
                        .post("/api/articles")
                        .then()
                        .body("errors[0].reason", is("must be a string, not a list")),
                400,
                "body");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":\"seven\",\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("article"))
                .body("errors[0].reason", is("must be a whole number, not a string"));
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":1.5,\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("article"))
                .body("errors[0].reason", is("must be a whole number, not a fraction"));
        Api.ops()
                .contentType("application/json")
                .body("\"seven\"")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("body"))
                .body("errors[0].reason", is("must be a JSON object, not a string"));
        Api.ops()
                .contentType("application/json")
                .body("{\"url\":\"https://news.example.org/feed/\",\"lists\":\"demo\"}")
                .post("/api/feeds")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("lists"))
                .body("errors[0].reason", is("must be a list, not a string"));
    }

    /**
     * A body that is not JSON at all (cut short, a trailing comma, a bare name) says what broke and where, whether the
     * endpoint reads the body itself (articles) or takes it as a record (sends: the JSON reader's bare 400 before).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/articles | {\"title\":\"T\",\"body\":\"B\"        | end-of-input   | line 1, column 24",
                "/api/articles | {\"title\":\"T\",\"body\":\"B\",}      | character ('}' | line 1, column 25",
                "/api/articles | {\"title\":\"T\",\\n body:\"B\"}      | character ('b' | line 2, column 2",
                "/api/sends    | {\"article\":1,\"list\":\"demo\"         | end-of-input   | line 1, column 27",
                "/api/sends    | {\"article\":1,\"list\":\"demo\",}       | character ('}' | line 1, column 28",
                "/api/sends    | {\"article\":1,\\n list:\"demo\"}       | character ('l' | line 2, column 2",
            })
    void malformedJsonSaysWhatBrokeAndWhere(String path, String body, String what, String where) {
        int before = articleCount();
        (path.equals("/api/sends") ? Api.ops() : Api.editor())
                .contentType("application/json")
                .body(body.replace("\\n", "\n"))
                .post(path)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", is("Malformed JSON"))
                .body("errors[0].field", is("body"))
                .body("errors[0].reason", containsString(what))
                .body("errors[0].reason", endsWith(where));
        assertThat(articleCount()).isEqualTo(before);
    }

    /**
     * A whole-number parameter that is not one: JAX-RS's own answer is a bare 404 for a query parameter, as if the
     * page were missing; a query parameter gets a 400 naming it, a path a 404 saying why.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/articles?limit=abc                   | 400 | limit  | must be a whole number, not \"abc\"",
                "/api/articles?limit=99999999999            | 400 | limit  | must be a whole number, not \"99999999999\"",
                "/api/audit?before=yesterday               | 400 | before | must be a whole number, not \"yesterday\"",
                "/api/articles/abc                         | 404 | id     | \"abc\" is not a whole number, so it names nothing here",
                "/api/articles/99999999999999999999        | 404 | id     | \"99999999999999999999\" is not a whole number, so it names nothing here",
            })
    void aWholeNumberParameterThatIsNoneIsNamed(String path, int status, String field, String reason) {
        Api.ops()
                .get(path)
                .then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is(field))
                .body("errors[0].reason", is(reason));
    }

    /** "dryrun" for "dryRun" must not be read as a real send to the whole list: an unknown field is refused. */
    @Test
    void anUnknownFieldIsRefusedNotIgnored() {
        long article = Api.postArticle("Unknown Field Story", "OSLO – A story nobody may receive by a typo.");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"demo\",\"dryrun\":true}")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("dryrun"))
                .body("errors[0].reason", startsWith("unknown field; this body takes"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("dryRun"));
        refused(
                () -> Api.editor()
                        .contentType("application/json")
                        .body("{\"title\":\"T\",\"body\":\"B\",\"titel\":\"x\"}")
                        .post("/api/articles")
                        .then(),
                400,
                "titel");
    }

    @Test
    void aMarkdownDateThatIsNoDateIsRefused() {
        refused(
                () -> Api.editor()
                        .contentType("text/markdown; charset=UTF-8")
                        .body("---\ntitle: Dated Story\ndate: yesterday-ish\n---\nASTANA \u2013 Body.\n"
                                .getBytes(StandardCharsets.UTF_8))
                        .post("/api/articles")
                        .then()
                        .body("errors[0].reason", startsWith("date: \"yesterday-ish\" is not a date")),
                400,
                "date");
    }

    @Test
    void tenMegabyteBody() {
        byte[] big = ("Title\n\n" + "word ".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        refused(() -> postText(big), 413, "body");
    }

    @Test
    void binaryBody() {
        byte[] binary = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe};
        refused(() -> postText(binary), 415, "body");
        refused(() -> postText(new byte[] {'T', '\n', '\n', (byte) 0xc3, (byte) 0x28}), 415, "body");
    }

    @Test
    void malformedJson() {
        refused(
                () -> Api.editor()
                        .contentType("application/json")
                        .body("{\"title\": ")
                        .post("/api/articles")
                        .then(),
                400,
                "body");
        refused(
                () -> Api.editor()
                        .contentType("application/json")
                        .body("{\"title\":\"T\",\"body\":\"B\",\"url\":\"javascript:alert(1)\"}")
                        .post("/api/articles")
                        .then(),
                400,
                "url");
    }

    @Test
    void badSendRequests() {
        refusedSend("{\"list\":\"demo\"}", "article");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":999999,\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(404)
                .body("errors[0].field", is("article"));
        long article = Api.postArticle("A story for a list that does not exist", "Body.");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"nope\"}")
                .post("/api/sends")
                .then()
                .statusCode(404)
                .body("errors[0].field", is("list"));
    }

    /** Each rule of a send request, broken alone: 400, the field it breaks and the reason. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"article\":1,\"articles\":[2],\"list\":\"demo\"}                  | article      | not both",
                "{\"article\":0,\"list\":\"demo\"}                                   | article      | from 1",
                "{\"articles\":[1,0],\"list\":\"demo\"}                              | articles[1]  | from 1",
                "{\"articles\":[1,null],\"list\":\"demo\"}                           | articles[1]  | from 1",
                "{\"article\":1,\"list\":\"  \"}                                     | list         | name the list",
                "{\"article\":1}                                                     | list         | name the list",
                "{\"article\":1,\"list\":\"demo\",\"subjects\":[\"A\"]}              | subjects     | 2 to 4",
                "{\"article\":1,\"list\":\"demo\",\"subjects\":[\"A\",\" \"]}        | subjects[1]  | words",
                "{\"article\":1,\"list\":\"demo\",\"subjects\":[\"A\",\"B\\nC\"]}    | subjects[1]  | one line",
                "{\"article\":1,\"list\":\"demo\",\"subjects\":[\"A\",\"B\"],\"testShare\":95} | testShare | 1 to 90",
                "{\"article\":1,\"list\":\"demo\",\"subjects\":[\"A\",\"B\"],\"testMinutes\":4} | testMinutes | 10080",
                "{\"article\":1,\"list\":\"demo\",\"testMinutes\":30}                | subjects     | give subjects too",
            })
    void aSendRequestBreakingARuleNamesTheField(String body, String field, String reason) {
        refusedSend(body, field).body("errors[0].reason", org.hamcrest.Matchers.containsString(reason));
    }

    @Test
    void aSendRequestOfFiftyOneArticlesOrNoneIsRefused() {
        String many = java.util.stream.IntStream.rangeClosed(1, 51)
                .mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        refusedSend("{\"articles\":[" + many + "],\"list\":\"demo\"}", "articles")
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("at most 50"));
        refusedSend("", "body");
    }

    /** POST /api/sends with this JSON body: 400, problem+json, the first error on {@code field}. */
    private static ValidatableResponse refusedSend(String body, String field) {
        return Api.ops()
                .contentType("application/json")
                .body(body)
                .post("/api/sends")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is(field));
    }

    /** Found by ApiFuzzTest: a field named twice gave a 500. */
    @Test
    void aJsonFieldNamedTwiceIsMalformed() {
        io.herald.support.Api.editor()
                .contentType("application/json")
                .body("{\"title\":\"A\",\"body\":\"B\",\"body\":\"C\"}")
                .post("/api/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("Duplicate field"));
        io.herald.support.Api.ops()
                .contentType("application/json")
                .body("{\"url\":\"http://x\",\"url\":\"http://y\",\"lists\":[\"demo\"]}")
                .post("/api/feeds")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
