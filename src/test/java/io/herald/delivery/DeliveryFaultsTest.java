package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.herald.support.Api;
import io.herald.support.ScriptedRelayProfile;
import io.herald.support.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * What the relay answers decides each recipient's fate: 5xx for a bad mailbox is final and suppresses the address,
 * a 5xx for policy is final but suppresses nobody, 4xx is retried with backoff, a failure rate this high pauses.
 */
@QuarkusTest
@TestProfile(ScriptedRelayProfile.class)
class DeliveryFaultsTest {

    static final ScriptedSmtpServer RELAY = ScriptedRelayProfile.RELAY;

    @Test
    void eachReplyGetsItsOutcome() {
        RELAY.rule((address, attempt) -> switch (address) {
            case "bounce@faults.example" -> "550 5.1.1 <bounce@faults.example>: Recipient address rejected: User unknown";
            case "policy@faults.example" -> "550 5.7.1 Message rejected as spam";
            case "later@faults.example" -> attempt <= 2 ? "451 4.7.1 Greylisted, try again later" : null;
            case "never@faults.example" -> "451 4.3.0 Mailbox busy";
            default -> null;
        });
        long first = Api.postArticle("Faults edition one", "OSLO – First.");
        JsonPath report = Api.sendAndWait(first, "faults").jsonPath();
        assertThat(report.getLong("sent")).isEqualTo(3);
        assertThat(report.getLong("failed")).isEqualTo(3);
        assertThat(RELAY.delivered("ok1@faults.example")).isEqualTo(1);
        assertThat(RELAY.delivered("later@faults.example")).isEqualTo(1);
        assertThat(RELAY.attempts("later@faults.example")).isEqualTo(3);
        assertThat(RELAY.attempts("never@faults.example")).isEqualTo(3);
        assertThat(RELAY.attempts("bounce@faults.example")).isEqualTo(1);

        long second = Api.postArticle("Faults edition two", "OSLO – Second.");
        JsonPath next = Api.sendAndWait(second, "faults").jsonPath();
        // The hard bounce is suppressed; the policy refusal and the temporary failures are not.
        assertThat(next.getLong("skipped")).isEqualTo(1);
        assertThat(RELAY.attempts("bounce@faults.example")).isEqualTo(1);
        assertThat(RELAY.attempts("policy@faults.example")).isEqualTo(2);
    }

    @Test
    void aRelayRefusingMostRecipientsPausesTheSendAndSaysWhy() {
        RELAY.rule((address, attempt) -> address.endsWith("@allbad.example")
                ? "550 5.7.1 Service unavailable; client host blocked" : null);
        long article = Api.postArticle("An edition nobody may get", "OSLO – Blocked.");
        long id = Api.ops().contentType("application/json").body("{\"article\":" + article + ",\"list\":\"allbad\"}")
                .post("/api/sends").then().statusCode(202).extract().jsonPath().getLong("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> "paused".equals(Api.ops().get("/api/sends/" + id).jsonPath().getString("status")));
        JsonPath report = Api.ops().get("/api/sends/" + id).jsonPath();
        assertThat(report.getString("statusReason")).contains("messages failed").contains("5.7.1");
        assertThat(report.getLong("pending")).isPositive();
    }
}
