package io.herald.web;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** Anonymous callers are refused; editors cannot use ops routes; ops can do all an editor can. */
@QuarkusTest
class SecurityTest {

    @Test
    void anonymousIsRefused() {
        given().get("/api/articles").then().statusCode(401);
        // People are sent to the sign-in page; API clients get 401 with a Basic challenge.
        given().redirects()
                .follow(false)
                .get("/preview")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        given().redirects().follow(false).get("/ops").then().statusCode(302);
        given().contentType("application/json")
                .body("{\"article\":1,\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(401);
        given().contentType("text/plain")
                .body("Title\n\nBody")
                .post("/api/articles")
                .then()
                .statusCode(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        given().auth()
                .preemptive()
                .basic("editor", "wrong")
                .get("/preview")
                .then()
                .statusCode(401);
        given().auth().preemptive().basic("root", "root").get("/preview").then().statusCode(401);
    }

    @Test
    void editorCannotUseOpsRoutes() {
        Api.editor()
                .contentType("application/json")
                .body("{\"article\":1,\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(403);
        Api.editor().get("/api/sends/1").then().statusCode(403);
    }

    @Test
    void peopleSignInWithTheFormAndGetASessionCookie() {
        given().get("/login")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
        var login = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "editor")
                .formParam("j_password", Api.EDITOR_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract();
        String session = login.cookie("herald-session");
        org.assertj.core.api.Assertions.assertThat(session).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(login.header("Set-Cookie"))
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        given().cookie("herald-session", session)
                .get("/preview")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'self'"));
        // the session does not open the API (Basic only there), nor ops pages for an editor
        given().cookie("herald-session", session).get("/api/articles").then().statusCode(401);
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "editor")
                .formParam("j_password", "wrong")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/login?error=1"));
    }

    @Test
    void editorAndOpsSeeThePreview() {
        Api.editor().get("/preview").then().statusCode(200);
        Api.ops().get("/preview").then().statusCode(200);
        Api.ops().get("/api/articles").then().statusCode(200);
    }
}
