package io.herald.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Probes for load balancers and orchestrators: public, and ready only with the database and the relay. */
@QuarkusTest
class HealthTest {

    @Test
    void readyWithDatabaseAndRelay() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body(containsString("smtp-relay"))
                .body(containsString("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
