package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.RelaySwitch;
import io.herald.support.SmtpSink;
import io.herald.support.SwitchedRelayProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP fault matrix: each fault made by a real server (Postfix's smtp-sink with fault options; GreenMail as the
 * healthy relay; the relay switch itself only for a reset in the middle of the data), and the outcome Herald must
 * give: retried and then delivered exactly once when the relay heals, a hard bounce suppressed, a refused message
 * failed without suppressing anyone, a send paused with the reason. Needs smtp-sink (Debian postfix): it runs in
 * the judges profile, after .ci/run installed it.
 */
@QuarkusTest
@TestProfile(SwitchedRelayProfile.class)
@Tag("fault")
class SmtpFaultMatrixTest {

    static final RelaySwitch RELAY = SwitchedRelayProfile.RELAY;

    @InjectGreenMail
    GreenMail mail;

    @Inject
    DataSource dataSource;

    private SmtpSink sink;

    @AfterEach
    void stopSink() throws Exception {
        if (sink != null) {
            sink.close();
            sink = null;
        }
    }

    @Test
    void greeting421IsRetriedWithoutCountingAttemptsUntilTheRelayIsBack() throws Exception {
        retriedThenDeliveredOnce("greeting", "421", true, "-Q", "CONNECT");
    }

    @Test
    void a421MidSessionIsRetried() throws Exception {
        retriedThenDeliveredOnce("midsession", "421", false, "-Q", "RCPT");
    }

    @Test
    void a451AtRcptIsRetried() throws Exception {
        retriedThenDeliveredOnce("rcpt451", "451 4.3.0", false, "-r", "RCPT", "-b", "451 4.3.0 Try again later");
    }

    @Test
    void a451AfterTheDataIsRetried() throws Exception {
        retriedThenDeliveredOnce("data451", "451 4.3.0", false, "-r", ".", "-b", "451 4.3.0 Queue full, try later");
    }

    @Test
    void a452TooManyRecipientsIsRetried() throws Exception {
        retriedThenDeliveredOnce("rcpt452", "452 4.5.3", false, "-r", "RCPT", "-b", "452 4.5.3 Too many recipients");
    }

    @Test
    void aRelayThatStallsPastTheReadTimeoutIsRetried() throws Exception {
        // One connection stalls after another (2 s each), so the first rows are retried before the last is tried.
        retriedThenDeliveredOnce("stall", "Read timed out", null, "-w", "30");
    }

    @Test
    void aConnectionResetInTheMiddleOfTheDataIsRetriedAndDeliveredOnce() throws Exception {
        // Behind the switch a healthy smtp-sink (GreenMail's handler thread throws on a reset mid-DATA).
        sink = SmtpSink.start();
        RELAY.target(sink.port());
        RELAY.resetAfterClientBytes(4000);
        long send = startSend("reset");
        awaitRows(send, rows -> rows.stream().anyMatch(r -> r.attempts() >= 1 && "pending".equals(r.state())));
        assertThat(RELAY.resets()).isPositive();
        assertThat(rows(send)).noneMatch(r -> r.state().startsWith("failed"));
        RELAY.target(mail.getSmtp().getPort());
        finishedAndDeliveredOnce(send, "reset");
    }

    @Test
    void a550UserUnknownIsAHardBounceAndSuppressed() throws Exception {
        failedAtOnce("unknown", "550 5.1.1", "-f", "RCPT", "-B", "550 5.1.1 Recipient address rejected: User unknown");
        assertThat(suppressed("unknown")).isEqualTo(3);

        // The next send skips them, even with a healthy relay.
        RELAY.target(mail.getSmtp().getPort());
        JsonPath next = Api.awaitFinished(startSend("unknown")).jsonPath();
        assertThat(next.getLong("skipped")).isEqualTo(3);
        assertThat(delivered("unknown")).isZero();
    }

    @Test
    void a552MessageTooLargeFailsWithoutSuppressingAnyone() throws Exception {
        failedAtOnce(
                "toolarge", "552 5.3.4", "-f", ".", "-B", "552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(suppressed("toolarge")).isZero();
    }

    @Test
    void a554AfterTheDataForEveryonePausesTheSendAndSaysWhy() throws Exception {
        long send = sendThrough("spam", "-f", ".", "-B", "554 5.7.1 Message rejected as spam");
        awaitPaused(send);
        JsonPath report = report(send);
        assertThat(report.getString("statusReason")).contains("messages failed").contains("554 5.7.1");
        assertThat(report.getLong("pending")).as("the rest wait for a person").isPositive();
        assertThat(suppressed("spam")).as("a refused message suppresses no one").isZero();
        // What was in flight when it paused is written back and every batch's lease given back: nothing stays claimed.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> leasedBatches(send) == 0);
        assertThat(rows(send)).extracting(Row::state).containsOnly("failed_permanent", "pending");
    }

    @Test
    void aRelayThatRefusesHeraldPausesTheSendAtOnceWithNobodyTried() throws Exception {
        long send = sendThrough("refused", "-f", "CONNECT", "-B", "554 5.7.1 No SMTP service for you");
        awaitPaused(send);
        assertThat(report(send).getString("statusReason"))
                .contains("refuses connections from Herald")
                .contains("554");
        assertThat(rows(send)).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo("pending");
            assertThat(r.attempts()).as("nobody was tried").isZero();
        });
        // Fixed (here: a healthy relay), a person resumes it and everyone gets it once.
        RELAY.target(mail.getSmtp().getPort());
        Api.ops().post("/api/sends/" + send + "/resume").then().statusCode(200);
        finishedAndDeliveredOnce(send, "refused");
    }

    /**
     * A temporary fault: the rows go back to pending with the relay's words and a later attempt, nothing is lost or
     * failed; once the relay is healthy the send finishes and each reader has the email exactly once.
     */
    private void retriedThenDeliveredOnce(String list, String reply, Boolean untried, String... sinkOptions)
            throws Exception {
        long send = sendThrough(list, sinkOptions);
        awaitRows(
                send,
                rows -> rows.size() == 3
                        && rows.stream()
                                .allMatch(r -> "pending".equals(r.state())
                                        && r.reply() != null
                                        && r.reply().contains(reply)));
        if (untried != null) {
            assertThat(rows(send)).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(untried ? 0 : 1));
        }
        if (Boolean.TRUE.equals(untried)) {
            // The relay cannot be reached at all: the send says so while it waits.
            assertThat(report(send).getString("statusReason"))
                    .startsWith("waiting for the relay: ")
                    .contains("421");
        }
        assertThat(report(send).getString("status")).isEqualTo("sending");
        assertThat(report(send).getLong("failed")).isZero();
        assertThat(suppressed(list)).isZero();
        RELAY.target(mail.getSmtp().getPort());
        finishedAndDeliveredOnce(send, list);
    }

    /** A permanent refusal: the send finishes with every reader failed on the first attempt, with the reply. */
    private void failedAtOnce(String list, String reply, String... sinkOptions) throws Exception {
        long send = sendThrough(list, sinkOptions);
        assertThat(Api.awaitFinished(send).jsonPath().getLong("failed")).isEqualTo(3);
        assertThat(rows(send)).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo("failed_permanent");
            assertThat(r.reply()).contains(reply);
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    private void finishedAndDeliveredOnce(long send, String list) throws Exception {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "finished".equals(report(send).getString("status")));
        assertThat(report(send).getLong("sent")).isEqualTo(3);
        assertThat(report(send).getString("statusReason")).isNull();
        assertThat(rows(send)).allSatisfy(r -> assertThat(r.state()).isEqualTo("sent"));
        for (int i = 1; i <= 3; i++) {
            assertThat(delivered(list + i + "@matrix.example")).as(list + i).isEqualTo(1);
        }
    }

    /** Puts an smtp-sink with these fault options behind the switch and starts a send to the case's list. */
    private long sendThrough(String list, String... sinkOptions) throws Exception {
        sink = SmtpSink.start(sinkOptions);
        RELAY.target(sink.port());
        return startSend(list);
    }

    private static void awaitPaused(long send) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "paused".equals(report(send).getString("status")));
    }

    private long startSend(String list) {
        long article = Api.postArticle(
                "Matrix " + list + " " + System.nanoTime(),
                "OSLO – A story for the " + list + " case.\n\nIt has a second paragraph, long enough to matter. "
                        + "x".repeat(6000));
        return Api.startSend("{\"article\":" + article + ",\"list\":\"m-" + list + "\"}");
    }

    private static JsonPath report(long send) {
        return Api.ops().get("/api/sends/" + send).jsonPath();
    }

    record Row(String email, String state, int attempts, String reply) {}

    private List<Row> rows(long send) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT s.email, d.state, d.attempts, d.last_reply FROM delivery d JOIN subscriber s "
                                + "ON s.id = d.subscriber_id WHERE d.send_id = ? ORDER BY s.email")) {
            ps.setLong(1, send);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    private void awaitRows(long send, Predicate<List<Row>> condition) throws SQLException {
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> condition.test(rows(send)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "ledger rows never matched: " + rows(send) + "; send: "
                            + report(send).prettify(),
                    e);
        }
    }

    private int leasedBatches(long send) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM send_batch WHERE send_id = ? AND claim IS NOT NULL")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int suppressed(String list) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM suppression WHERE email LIKE ?")) {
            ps.setString(1, list + "%@matrix.example");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Messages GreenMail took for this address (or, given a list name, for all three of its readers). */
    private int delivered(String addressOrList) throws Exception {
        int n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (jakarta.mail.Address to : m.getRecipients(Message.RecipientType.TO)) {
                String address = to.toString();
                if (addressOrList.contains("@")
                        ? address.contains(addressOrList)
                        : address.matches(".*\\b" + addressOrList + "\\d+@matrix\\.example.*")) {
                    n++;
                }
            }
        }
        return n;
    }
}
