package io.herald.bounce;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.herald.subscriber.SubscriberStore;
import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery reports and complaints in a real IMAP mailbox (GreenMail), read the way a relay's bounces are. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class BounceMailboxTest {

    @InjectGreenMail
    GreenMail mail;

    @Inject
    SubscriberStore subscribers;

    @Inject
    io.herald.subscriber.Suppressions suppressions;

    @Inject
    io.herald.delivery.MessageIds messageIds;

    @Inject
    javax.sql.DataSource dataSource;

    /** A report as a relay returns it, quoting the Message-ID Herald gave the message it reports on. */
    void deliver(String fixture, String messageId) throws Exception {
        String raw = new String(Fixtures.bytes("fixtures/bounces/" + fixture), java.nio.charset.StandardCharsets.UTF_8)
                .replace("{{MESSAGE_ID}}", messageId);
        MimeMessage message = new MimeMessage(
                Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        GreenMailUser box = mail.getUserManager().getUser(GreenMailResource.BOUNCES);
        box.deliver(message);
    }

    /** The hard-bounce report, about this reader, quoting this Message-ID. */
    void hardBounceOf(String email, String messageId) throws Exception {
        String raw = new String(
                        Fixtures.bytes("fixtures/bounces/dsn-hard.eml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("hard.bounce@example.net", email)
                .replace("Hard.Bounce@example.net", email)
                .replace("{{MESSAGE_ID}}", messageId);
        mail.getUserManager()
                .getUser(GreenMailResource.BOUNCES)
                .deliver(new MimeMessage(
                        Session.getInstance(new java.util.Properties()),
                        new ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    void deliver(String fixture) throws Exception {
        deliver(fixture, "<none@example.org>");
    }

    /** The Message-ID Herald gave a message of send s1 to this reader (who joins the signup list). */
    String sentTo(String email) throws Exception {
        subscribers.join("signup", email, null, null, "signup (test)", Instant.now());
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT id FROM subscriber WHERE email = ?")) {
            ps.setString(1, email);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return messageIds.of("s1", rs.getLong(1), "example.org");
            }
        }
    }

    boolean suppressed(String email) throws Exception {
        return suppressions.isSuppressed(email);
    }

    @Test
    void hardBouncesAndComplaintsSuppressAtOnceSoftOnesAfterThreeAndTheRestIsKept() throws Exception {
        deliver("dsn-hard.eml", sentTo("hard.bounce@example.net"));
        String toFullMailbox = sentTo("full.mailbox@example.net");
        deliver("dsn-soft.eml", toFullMailbox);
        deliver("dsn-soft.eml", toFullMailbox);
        deliver("arf-complaint.eml", sentTo("complainer@example.net"));
        deliver("out-of-office.eml");

        JsonPath pass = Api.ops()
                .post("/api/bounces/read")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(pass.getInt("messages")).isEqualTo(5);
        assertThat(pass.getInt("hard")).isEqualTo(1);
        assertThat(pass.getInt("soft")).isEqualTo(2);
        assertThat(pass.getInt("complaints")).isEqualTo(1);
        assertThat(pass.getInt("unparsed")).isEqualTo(1);
        assertThat(suppressed("hard.bounce@example.net")).isTrue();
        assertThat(suppressed("complainer@example.net")).isTrue();
        assertThat(suppressed("full.mailbox@example.net"))
                .as("two soft bounces are not enough")
                .isFalse();
        assertThat(mail.getUserManager().getUser(GreenMailResource.BOUNCES)).isNotNull();

        deliver("dsn-soft.eml", toFullMailbox);
        Api.ops().post("/api/bounces/read").then().statusCode(200);
        assertThat(suppressed("full.mailbox@example.net"))
                .as("the third soft bounce suppresses")
                .isTrue();

        // The message Herald could not read is kept, with the reason, not dropped
        JsonPath recent =
                Api.ops().get("/api/bounces").then().statusCode(200).extract().jsonPath();
        assertThat(recent.getList("unparsed.subject", String.class))
                .contains("Automatic reply: out of office until Monday");
        assertThat(recent.getString("unparsed.find { it.subject.startsWith('Automatic reply') }.reason"))
                .contains("not a multipart/report");
        assertThat(recent.getList("events.email", String.class))
                .contains("hard.bounce@example.net", "complainer@example.net", "full.mailbox@example.net");
        // Read messages leave the mailbox; a second pass finds nothing
        assertThat(Api.ops()
                        .post("/api/bounces/read")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("messages"))
                .isZero();

        // The next send skips the bounced address
        long article = Api.postArticle("Bounce Story About Rail Tickets", "ASTANA – Rail tickets go on sale today.");
        JsonPath report = Api.sendAndWait(article, "signup").jsonPath();
        assertThat(report.getLong("skipped")).isGreaterThanOrEqualTo(1);
        assertThat(Mailboxes.withSubject(mail, "hard.bounce@example.net", "Bounce Story About Rail Tickets"))
                .isEmpty();
        Api.editor().get("/api/bounces").then().statusCode(403);
    }

    @Test
    void theParserReadsEachKindOnItsOwn() throws Exception {
        BounceParser parser = new BounceParser();
        Session session = Session.getInstance(new java.util.Properties());
        BounceReport hard = parser.parse(
                new MimeMessage(session, new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/dsn-hard.eml"))));
        assertThat(hard.findings()).singleElement().satisfies(f -> {
            assertThat(f.email()).isEqualTo("hard.bounce@example.net");
            assertThat(f.kind()).isEqualTo(BounceReport.Kind.HARD);
            assertThat(f.status()).isEqualTo("5.1.1");
            assertThat(f.detail()).contains("User unknown");
        });
        BounceReport complaint = parser.parse(new MimeMessage(
                session, new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/arf-complaint.eml"))));
        assertThat(complaint.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(BounceReport.Kind.COMPLAINT));
        assertThat(parser.parse(new MimeMessage(
                                session,
                                new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/out-of-office.eml"))))
                        .parsed())
                .isFalse();
    }

    /**
     * The bounce address is public (every newsletter's Return-Path): a report that does not quote a Message-ID Herald
     * made for the reader it names unsubscribes nobody, and is kept for a person with the reason.
     */
    @Test
    void aReportThatDoesNotQuoteHeraldsMessageToThatReaderIsNotBelieved() throws Exception {
        String victim = "victim.reader@example.net";
        String real = sentTo(victim);
        String forged = real.replaceAll("\\.([0-9a-f]{16})@", ".0000000000000000@");
        String otherReaders = sentTo("attacker@example.net");
        deliver("dsn-hard.eml", "<dsn-made-up@example.org>");
        deliver("dsn-hard.eml", forged);
        hardBounceOf(victim, otherReaders);

        JsonPath pass = Api.ops()
                .post("/api/bounces/read")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(pass.getInt("messages")).isEqualTo(3);
        assertThat(pass.getInt("suppressed")).isZero();
        assertThat(pass.getInt("unparsed")).isEqualTo(2);
        assertThat(suppressed(victim)).isFalse();
        assertThat(suppressed("attacker@example.net")).isFalse();
        JsonPath recent =
                Api.ops().get("/api/bounces").then().statusCode(200).extract().jsonPath();
        assertThat(recent.getList("unparsed.reason", String.class))
                .anySatisfy(r -> assertThat(r)
                        .startsWith("not acted on: it does not quote the Message-ID of a message Herald sent")
                        .contains("<dsn-made-up@example.org>"));

        // The real Message-ID is believed, about the reader it went to.
        hardBounceOf(victim, real);
        Api.ops().post("/api/bounces/read").then().statusCode(200);
        assertThat(suppressed(victim)).isTrue();
    }
}
