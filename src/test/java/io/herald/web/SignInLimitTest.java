package io.herald.web;

import java.util.Map;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Sign-in is a public endpoint and is rate-limited: past herald.failed-sign-ins-per-ip failures a client address is
 * answered 429 before its password is checked, even a right one, on the API and the sign-in form alike. Its own
 * profile (own Herald, own counters): every test client is 127.0.0.1.
 */
@QuarkusTest
@TestProfile(SignInLimitTest.ThreeFailures.class)
class SignInLimitTest {

    public static class ThreeFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("herald.failed-sign-ins-per-ip", "3");
        }
    }

    @Test
    void pastTheLimitSignInsAreRefusedWithoutCheckingThePassword() {
        Api.editor().get("/api/articles").then().statusCode(200);
        for (int i = 1; i <= 3; i++) {
            given().auth()
                    .preemptive()
                    .basic("editor", "wrong-" + i)
                    .get("/api/articles")
                    .then()
                    .statusCode(401);
        }
        given().auth()
                .preemptive()
                .basic("editor", "wrong-4")
                .get("/api/articles")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("password"));
        // The right password waits too: it is not even looked at.
        Api.editor().get("/api/articles").then().statusCode(429);
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "editor")
                .formParam("j_password", Api.EDITOR_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(429);
        // Pages that need no sign-in are served as before.
        given().get("/subscribe").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}
