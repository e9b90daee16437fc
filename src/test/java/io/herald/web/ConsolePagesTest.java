package io.herald.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The editors' and ops pages' forms, with their CSRF tokens, and the operations endpoints. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class ConsolePagesTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @InjectGreenMail
    GreenMail mail;

    /** A page's form token and the cookie it belongs to, as a browser would hold them. */
    record Form(String token, String cookie) {
        RequestSpecification post(RequestSpecification as) {
            return as.redirects()
                    .follow(false)
                    .cookie("herald-csrf", cookie)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", token);
        }
    }

    static Form form(RequestSpecification as, String page) {
        ExtractableResponse<Response> r = as.get(page).then().statusCode(200).extract();
        Matcher m = TOKEN.matcher(r.asString());
        assertThat(m.find()).as("a CSRF token on " + page).isTrue();
        return new Form(m.group(1), r.cookie("herald-csrf"));
    }

    @Test
    void opsDryRunThenSendThenWatchItFinish() {
        long article = Api.postArticle(
                "Ops Console Story About Rail Freight",
                "ALMATY – Rail freight grew by a tenth this spring, the railway said on Monday.");
        Form f = form(Api.ops(), "/ops");
        // without the token: refused
        Api.ops()
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("article", article)
                .formParam("list", "feeds")
                .post("/ops/dry-run")
                .then()
                .statusCode(400);
        f.post(Api.ops())
                .formParam("article", article)
                .formParam("list", "feeds")
                .post("/ops/dry-run")
                .then()
                .statusCode(200)
                .body(containsString("id=\"recipients\" class=\"count\">2<"))
                .body(containsString("Nothing has been sent"))
                .body(containsString("id=\"edition-plan\""))
                .body(containsString("whole: an edition of one story is sent whole"));
        String location = f.post(Api.ops())
                .formParam("article", article)
                .formParam("list", "feeds")
                .post("/ops/sends")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(location).contains("/ops?message=Send+").contains("started");
        Mailboxes.await(mail, "reader.one@example.org", "Ops Console Story About Rail Freight", 1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Api.ops().get("/ops").asString().contains("2 sent, 0 failed, 0 skipped of 2"));
        // The real send has finished, every row of both sends has its outcome: one message, so the dry run sent none.
        assertThat(Mailboxes.withSubject(mail, "reader.one@example.org", "Ops Console Story About Rail Freight"))
                .hasSize(1);
        Api.editor().get("/ops").then().statusCode(403);
    }

    @Test
    void editorsSendATestAndEditATeaserFromThePreview() throws Exception {
        long article = Api.postArticle(
                "Preview Console Story About Apples",
                "ALMATY – The apple harvest started early this year, growers said.\n\nFollow us on X and Telegram.");
        String page = "/preview/articles/" + article + "?list=demo";
        Form f = form(Api.editor(), page);
        f.post(Api.editor())
                .formParam("address", "not an address")
                .formParam("list", "demo")
                .post("/preview/articles/" + article + "/test")
                .then()
                .statusCode(422)
                .body(containsString("Test address:"));
        f.post(Api.editor())
                .formParam("address", "editor.desk@example.org")
                .formParam("list", "demo")
                .post("/preview/articles/" + article + "/test")
                .then()
                .statusCode(303);
        MimeMessage test = Mailboxes.await(
                        mail, "editor.desk@example.org", "[Test] Preview Console Story About Apples", 1)
                .get(0);
        assertThat(test.getHeader("X-Herald-Test")).containsExactly("yes");

        f.post(Api.editor())
                .formParam("text", "x".repeat(300))
                .post("/preview/articles/" + article + "/teasers/x")
                .then()
                .statusCode(422)
                .body(containsString("300 exceeds the limit of 280"));
        f.post(Api.editor())
                .formParam("text", "Apples are early this year #Kazakhstan")
                .post("/preview/articles/" + article + "/teasers/x")
                .then()
                .statusCode(303);
        Api.editor()
                .get("/api/articles/" + article + "/teasers")
                .then()
                .body("find { it.channel == 'x' }.text", is("Apples are early this year #Kazakhstan"))
                .body("find { it.channel == 'x' }.edited", is(true));
    }

    /**
     * The article page is rendered once and reused while what it shows is unchanged (PageMemo): each editor still
     * gets their own CSRF token in its forms, and a change made elsewhere shows on the next request.
     */
    @Test
    void aReusedPreviewPageCarriesEachEditorsOwnTokenAndShowsEveryChange() {
        long article = Api.postArticle(
                "Preview Memo Story About Pears",
                "ALMATY – The pear harvest was late this year, growers said.\n\nFollow us on X and Telegram.");
        String page = "/preview/articles/" + article + "?list=demo";
        Form first = form(Api.editor(), page);
        Form second = form(Api.editor(), page);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.cookie()).isNotEqualTo(first.cookie());
        String again =
                Api.editor().cookie("herald-csrf", first.cookie()).get(page).asString();
        Matcher m = TOKEN.matcher(again);
        while (m.find()) {
            assertThat(m.group(1)).as("every form on the page").isEqualTo(first.token());
        }
        assertThat(again).doesNotContain(second.token());

        // One editor's token with the other's cookie is refused; each with its own is taken.
        new Form(first.token(), second.cookie())
                .post(Api.editor())
                .formParam("text", "Pears are late #Kazakhstan")
                .post("/preview/articles/" + article + "/teasers/x")
                .then()
                .statusCode(400);
        second.post(Api.editor())
                .formParam("text", "Pears are late #Kazakhstan")
                .post("/preview/articles/" + article + "/teasers/x")
                .then()
                .statusCode(303);
        Api.editor().get(page).then().body(containsString("Pears are late #Kazakhstan"));

        // Changed through the API (as another node or a script would): the page shows it.
        Api.editor()
                .contentType("application/json")
                .body("{\"text\":\"Pears arrived at last #Kazakhstan\"}")
                .put("/api/articles/" + article + "/teasers/x")
                .then()
                .statusCode(200);
        Api.editor()
                .get(page)
                .then()
                .body(containsString("Pears arrived at last #Kazakhstan"))
                .body(not(containsString("Pears are late #Kazakhstan")));
    }

    static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void metricsHealthAndTheApiDocument() {
        long article = Api.postArticle("Metrics Story About Wheat", "ASTANA – Wheat prices rose, traders said.");
        Api.sendAndWait(article, "feeds");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("herald_emails_total{outcome=\"sent\"}")
                .contains("herald_send_rate")
                .contains("herald_batches_queued")
                .contains("herald_sends_running");
        // Every herald_* series the monitoring files use exists
        for (String file :
                java.util.List.of("deploy/monitoring/herald-alerts.yml", "deploy/monitoring/grafana-dashboard.json")) {
            Matcher used = Pattern.compile("herald_[a-z_]+").matcher(read(file));
            while (used.find()) {
                assertThat(metrics).as(file + " uses " + used.group()).contains(used.group());
            }
        }
        String document = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/sends"))
                .body(containsString("/api/feeds"))
                .body(containsString("/api/outbox"))
                .extract()
                .asString();
        // The API only (ApiPathsOnly): no page or form, no schema only the pages used, every reference resolves
        io.restassured.path.json.JsonPath json = io.restassured.path.json.JsonPath.from(document);
        java.util.Map<String, Object> paths = json.<String, Object>getMap("paths");
        assertThat(paths.keySet()).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
        java.util.Set<String> schemas =
                json.<String, Object>getMap("components.schemas").keySet();
        assertThat(schemas).contains("DeliveryReport").doesNotContain("TemplateInstance", "EngineImpl");
        Matcher ref = Pattern.compile("#/components/schemas/([A-Za-z0-9_.]+)").matcher(document);
        java.util.Set<String> referred = new java.util.HashSet<>();
        while (ref.find()) {
            referred.add(ref.group(1));
        }
        assertThat(referred).as("every schema referred to is in the document").isSubsetOf(schemas);
        assertThat(schemas).as("every schema in the document is referred to").isSubsetOf(referred);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/sends:"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
