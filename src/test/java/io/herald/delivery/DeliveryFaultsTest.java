package io.herald.delivery;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.herald.support.Api;
import io.herald.support.ScriptedRelayProfile;
import io.herald.support.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay answers decides each recipient's fate: 5xx for a bad mailbox is final and suppresses the address,
 * a 5xx for policy is final but suppresses nobody, 4xx is retried with backoff, a failure rate this high pauses.
 */
@QuarkusTest
@TestProfile(ScriptedRelayProfile.class)
class DeliveryFaultsTest {

    static final ScriptedSmtpServer RELAY = ScriptedRelayProfile.RELAY;

    @Inject
    Sender sender;

    @Test
    void eachReplyGetsItsOutcome() {
        RELAY.rule((address, attempt) -> switch (address) {
            case "bounce@faults.example" ->
                "550 5.1.1 <bounce@faults.example>: Recipient address rejected: User unknown";
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
        RELAY.rule((address, attempt) ->
                address.endsWith("@allbad.example") ? "550 5.7.1 Service unavailable; client host blocked" : null);
        long article = Api.postArticle("An edition nobody may get", "OSLO – Blocked.");
        long id = Api.startSend("{\"article\":" + article + ",\"list\":\"allbad\"}");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "paused"
                        .equals(Api.ops().get("/api/sends/" + id).jsonPath().getString("status")));
        JsonPath report = Api.ops().get("/api/sends/" + id).jsonPath();
        assertThat(report.getString("statusReason")).contains("messages failed").contains("5.7.1");
        assertThat(report.getLong("pending")).isPositive();
    }

    /**
     * With PIPELINING, the next message's MAIL FROM, RCPT TO and DATA leave with the end of the current one. When the
     * relay then refuses the current one, Herald cannot reset (the relay may be reading the next one's data): it
     * drops the connection, and the next message goes out on a new one, once.
     */
    @Test
    void aMessageRefusedAtItsEndWhileTheNextWasAnnouncedLosesNobody() {
        RELAY.endOfData(
                (address, attempt) -> "r2@ahead.example".equals(address) ? "554 5.7.1 Message content rejected" : null);
        int empty = RELAY.emptyMessages();
        int commands = RELAY.commandsInData();
        try {
            long article = Api.postArticle("Announced ahead", "OSLO – Ahead.");
            JsonPath report = Api.sendAndWait(article, "ahead").jsonPath();
            assertThat(report.getLong("sent")).isEqualTo(7);
            assertThat(report.getLong("failed")).isEqualTo(1);
            assertThat(RELAY.delivered("r2@ahead.example")).isZero();
            for (int i = 0; i < 8; i++) {
                if (i != 2) {
                    assertThat(RELAY.delivered("r" + i + "@ahead.example"))
                            .as("r%d", i)
                            .isEqualTo(1);
                }
                // r3 was announced with r2's end and dropped unfinished with the connection; then sent once.
                assertThat(RELAY.attempts("r" + i + "@ahead.example"))
                        .as("r%d", i)
                        .isEqualTo(i == 3 ? 2 : 1);
            }
            assertThat(RELAY.emptyMessages() - empty).isZero();
            // Nothing meant for the relay (Angus's RSET, the pool's NOOP) was written inside an announced message.
            assertThat(RELAY.commandsInData() - commands).isZero();
        } finally {
            RELAY.endOfData((address, attempt) -> null);
        }
    }

    /**
     * The next message is announced to the relay before it is composed (composing it then overlaps the relay's
     * reply). When it then cannot be composed, closing the session drops the connection: the relay, which was waiting
     * for the announced message's data, delivers nothing for it, and a new session sends on.
     */
    @Test
    void aMessageAnnouncedAndThenNotComposedIsDroppedUnfinished() throws Exception {
        String first = "first@compose-fails.example";
        String second = "second@compose-fails.example";
        String third = "third@compose-fails.example";
        int empty = RELAY.emptyMessages();
        int commands = RELAY.commandsInData();
        AtomicBoolean relayHadTheEnvelopeFirst = new AtomicBoolean();
        Sender.Session session = sender.open();
        try {
            session.send(message(first), new Sender.Next(second, () -> {
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> RELAY.attempts(second) == 1);
                    relayHadTheEnvelopeFirst.set(true);
                } catch (ConditionTimeoutException e) {
                    // Composed before the envelope left: the assertion below says so.
                }
                return null;
            }));
            assertThat(relayHadTheEnvelopeFirst)
                    .as("the envelope reached the relay before composing")
                    .isTrue();
            assertThat(session.announced()).isTrue();
        } finally {
            session.close();
        }
        try (Sender.Session next = sender.open()) {
            assertThat(next.announced()).isFalse();
            next.send(message(third));
        }
        assertThat(RELAY.delivered(first)).isEqualTo(1);
        assertThat(RELAY.delivered(second)).isZero();
        assertThat(RELAY.delivered(third)).isEqualTo(1);
        assertThat(RELAY.emptyMessages() - empty).isZero();
        assertThat(RELAY.commandsInData() - commands).isZero();
    }

    private static MimeMessage message(String to) throws MessagingException {
        MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("news@compose-fails.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Compose fails");
        message.setText("A message for " + to + ".\n");
        message.saveChanges();
        return message;
    }

    /** A message announced to the relay when the send is paused is not delivered then, and exactly once on resume. */
    @Test
    void aMessageAnnouncedWhenTheSendPausesIsDroppedUnfinishedAndSentOnceOnResume() {
        AtomicLong sendId = new AtomicLong();
        // The pause lands while p3's end is being answered: p4 has been announced by then.
        RELAY.endOfData((address, attempt) -> {
            if ("p3@ahead-pause.example".equals(address) && attempt == 1) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sendId.get() > 0);
                Api.ops().post("/api/sends/" + sendId.get() + "/pause").then().statusCode(200);
            }
            return null;
        });
        int empty = RELAY.emptyMessages();
        int commands = RELAY.commandsInData();
        try {
            long article = Api.postArticle("Paused while announced", "OSLO – Paused.");
            sendId.set(Api.startSend("{\"article\":" + article + ",\"list\":\"ahead-pause\"}"));
            // A running send's counts are kept a second (SendReports.recentCounts): wait for the ones after the pause.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonPath r = Api.ops().get("/api/sends/" + sendId.get()).jsonPath();
                return "paused".equals(r.getString("status"))
                        && r.getLong("sending") == 0
                        && r.getLong("sent") == 4
                        && r.getLong("pending") == 4;
            });
            assertThat(RELAY.delivered("p", "ahead-pause.example", 8)).isEqualTo(4);
            // p4 was announced with p3's end; the pause dropped it unfinished with the connection.
            assertThat(RELAY.attempts("p4@ahead-pause.example")).isEqualTo(1);
            assertThat(RELAY.emptyMessages() - empty).isZero();
            // Nothing meant for the relay (Angus's RSET, the pool's NOOP) was written inside an announced message.
            assertThat(RELAY.commandsInData() - commands).isZero();

            Api.ops().post("/api/sends/" + sendId.get() + "/resume").then().statusCode(200);
            assertThat(Api.awaitFinished(sendId.get()).jsonPath().getLong("sent"))
                    .isEqualTo(8);
            for (int i = 0; i < 8; i++) {
                assertThat(RELAY.delivered("p" + i + "@ahead-pause.example"))
                        .as("p%d", i)
                        .isEqualTo(1);
            }
            assertThat(RELAY.attempts("p4@ahead-pause.example")).isEqualTo(2);
            assertThat(RELAY.emptyMessages() - empty).isZero();
            // Nothing meant for the relay (Angus's RSET, the pool's NOOP) was written inside an announced message.
            assertThat(RELAY.commandsInData() - commands).isZero();
        } finally {
            RELAY.endOfData((address, attempt) -> null);
        }
    }
}
