package io.herald.delivery;

import java.time.Duration;

import io.herald.support.Api;
import io.herald.support.ScriptedRelayProfile;
import io.herald.support.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ops pause, resume and cancel a running send and watch it over Server-Sent Events. */
@QuarkusTest
@TestProfile(ScriptedRelayProfile.class)
class SendControlTest {

    static final ScriptedSmtpServer RELAY = ScriptedRelayProfile.RELAY;
    static final int MEMBERS = 60;

    @AfterEach
    void fast() {
        RELAY.dataDelay(0);
    }

    private static long start(String title) {
        RELAY.rule((address, attempt) -> null);
        RELAY.dataDelay(100);
        long article = Api.postArticle(title, "BERN – Slow.");
        return Api.startSend("{\"article\":" + article + ",\"list\":\"slow\"}");
    }

    private static JsonPath report(long id) {
        return Api.ops().get("/api/sends/" + id).jsonPath();
    }

    @Test
    void pauseStopsAndResumeFinishesWithoutDuplicates() {
        int before = total();
        long id = start("Paused and resumed");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sent") > 0);
        Api.ops().post("/api/sends/" + id + "/pause").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sending") == 0);
        JsonPath paused = report(id);
        assertThat(paused.getString("status")).isEqualTo("paused");
        assertThat(paused.getLong("sent")).isLessThan(MEMBERS);
        Api.ops().post("/api/sends/" + id + "/pause").then().statusCode(409);

        RELAY.dataDelay(0);
        Api.ops().post("/api/sends/" + id + "/resume").then().statusCode(200);
        JsonPath done = Api.awaitFinished(id).jsonPath();
        assertThat(done.getLong("sent")).isEqualTo(MEMBERS);
        assertThat(total() - before).isEqualTo(MEMBERS);
    }

    @Test
    void cancelSendsNothingMore() {
        int before = total();
        long id = start("Cancelled midway");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sent") > 0);
        Api.ops().post("/api/sends/" + id + "/cancel").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sending") == 0);
        JsonPath cancelled = report(id);
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getLong("cancelled")).isPositive();
        assertThat(cancelled.getLong("sent") + cancelled.getLong("cancelled")).isEqualTo(MEMBERS);
        assertThat(total() - before).isEqualTo(cancelled.getLong("sent"));
        Api.ops().post("/api/sends/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void progressStreamsUntilTheSendIsFinished() {
        long id = start("Watched live");
        RELAY.dataDelay(5);
        String events = Api.ops()
                .accept("text/event-stream")
                .get("/api/sends/" + id + "/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(events).contains("data:");
        String last = events.substring(events.lastIndexOf("data:"));
        assertThat(last)
                .contains("\"status\":\"finished\"")
                .contains("\"sent\":" + MEMBERS)
                .contains("\"rate\"");
    }

    private static int total() {
        // The slow list's readers are reader1..reader60; reader0 is not on it and counts 0.
        return RELAY.delivered("reader", "slow.example", MEMBERS + 1);
    }
}
