package io.herald.web;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Anonymous callers are refused; editors cannot use ops routes; ops can do all an editor can. */
@QuarkusTest
class SecurityTest {

    @Test
    void anonymousIsRefused() {
        given().get("/api/articles").then().statusCode(401);
        given().get("/preview").then().statusCode(401);
        given().contentType("application/json").body("{\"article\":1,\"list\":\"demo\"}").post("/api/sends")
                .then().statusCode(401);
        given().contentType("text/plain").body("Title\n\nBody").post("/api/articles").then().statusCode(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        given().auth().preemptive().basic("editor", "wrong").get("/preview").then().statusCode(401);
        given().auth().preemptive().basic("root", "root").get("/preview").then().statusCode(401);
    }

    @Test
    void editorCannotUseOpsRoutes() {
        Api.editor().contentType("application/json").body("{\"article\":1,\"list\":\"demo\"}").post("/api/sends")
                .then().statusCode(403);
        Api.editor().get("/api/sends/1").then().statusCode(403);
    }

    @Test
    void editorAndOpsSeeThePreview() {
        Api.editor().get("/preview").then().statusCode(200);
        Api.ops().get("/preview").then().statusCode(200);
        Api.ops().get("/api/articles").then().statusCode(200);
    }
}
