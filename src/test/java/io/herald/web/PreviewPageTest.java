package io.herald.web;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The editors' preview: the list of articles, one article's email in a sandboxed frame, and its teasers. */
@QuarkusTest
class PreviewPageTest {

    @Test
    void editorsSeeTheEmailAndTeasers() {
        long id = Api.postArticle(
                "Preview <b>bold</b> & “quoted”",
                "BERLIN – A body with <script>alert('x')</script> in it.\n\nFollow us on Telegram and Mastodon.");
        Api.editor()
                .get("/preview")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/preview/articles/" + id + "\""))
                .body(containsString("Preview &lt;b&gt;bold&lt;/b&gt; &amp; “quoted”"));
        Api.editor()
                .get("/preview/articles/" + id + "?list=demo")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "<iframe class=\"email desktop\" id=\"email-desktop\" title=\"The email at 600 pixels\" sandbox=\"\""))
                .body(
                        containsString(
                                "<iframe class=\"email mobile\" id=\"email-mobile\" title=\"The email at 375 pixels\" sandbox=\"\""))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("data-channel=\"telegram\""))
                .body(containsString("data-channel=\"mastodon\""))
                .body(containsString(" / 4096"))
                .body(containsString(" / 500"))
                .body(containsString("of Gmail's 102 KB clipping limit"))
                .body(containsString("All bulk-sender headers present"))
                .body(not(containsString("<script>alert")));
        Api.editor()
                .get("/preview/articles/" + id + "/email.html?list=demo&dark=1")
                .then()
                .statusCode(200)
                .body(containsString("@media all"))
                .header("Content-Security-Policy", containsString("sandbox"));
        Api.editor()
                .get("/preview/articles/" + id + "/email.html?list=demo")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("sandbox"))
                .body(containsString("&lt;script&gt;alert"))
                .body(not(containsString("<script>")));
    }

    @Test
    void anonymousGetsNoPreview() {
        given().redirects()
                .follow(false)
                .get("/preview/articles/1")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        given().redirects()
                .follow(false)
                .get("/preview/articles/1/email.html?list=demo")
                .then()
                .statusCode(302);
    }

    /** Found by ApiFuzzTest: a lead with no space in its first 140 characters broke the preheader (and the send). */
    @Test
    void aLongLeadWithoutSpacesStillRenders() {
        String lead = "阿斯塔纳讯".repeat(40) + " end";
        long id = Api.postArticle("A Lead Without Spaces", lead);
        Api.editor()
                .get("/preview/articles/" + id + "/email.html?list=demo")
                .then()
                .statusCode(200)
                .body(containsString("阿斯塔纳讯"))
                .body(containsString("…"));
    }
}
