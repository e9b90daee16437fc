package io.herald.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import io.herald.subscriber.ErasedAddresses;
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

/** Delivery reports and complaints in a real IMAP mailbox (GreenMail), read the way a relay's bounces are. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class BounceMailboxTest {

    @InjectGreenMail
    GreenMail mail;

    @Inject
    SubscriberStore subscribers;

    @Inject
    ErasedAddresses erased;

    void deliver(String fixture) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/" + fixture)));
        GreenMailUser box = mail.getUserManager().getUser(GreenMailResource.BOUNCES);
        box.deliver(message);
    }

    boolean suppressed(String email) throws Exception {
        return subscribers.isSuppressed(email, erased.key(email));
    }

    @Test
    void hardBouncesAndComplaintsSuppressAtOnceSoftOnesAfterThreeAndTheRestIsKept() throws Exception {
        subscribers.join("signup", "hard.bounce@example.net", null, "signup (test)", Instant.now());
        deliver("dsn-hard.eml");
        deliver("dsn-soft.eml");
        deliver("dsn-soft.eml");
        deliver("arf-complaint.eml");
        deliver("out-of-office.eml");

        JsonPath pass = Api.ops().post("/api/bounces/read").then().statusCode(200).extract().jsonPath();
        assertThat(pass.getInt("messages")).isEqualTo(5);
        assertThat(pass.getInt("hard")).isEqualTo(1);
        assertThat(pass.getInt("soft")).isEqualTo(2);
        assertThat(pass.getInt("complaints")).isEqualTo(1);
        assertThat(pass.getInt("unparsed")).isEqualTo(1);
        assertThat(suppressed("hard.bounce@example.net")).isTrue();
        assertThat(suppressed("complainer@example.net")).isTrue();
        assertThat(suppressed("full.mailbox@example.net")).as("two soft bounces are not enough").isFalse();
        assertThat(mail.getUserManager().getUser(GreenMailResource.BOUNCES)).isNotNull();

        deliver("dsn-soft.eml");
        Api.ops().post("/api/bounces/read").then().statusCode(200);
        assertThat(suppressed("full.mailbox@example.net")).as("the third soft bounce suppresses").isTrue();

        // The message Herald could not read is kept, with the reason, not dropped
        JsonPath recent = Api.ops().get("/api/bounces").then().statusCode(200).extract().jsonPath();
        assertThat(recent.getList("unparsed.subject", String.class))
                .contains("Automatic reply: out of office until Monday");
        assertThat(recent.getString("unparsed.find { it.subject.startsWith('Automatic reply') }.reason"))
                .contains("not a multipart/report");
        assertThat(recent.getList("events.email", String.class)).contains("hard.bounce@example.net",
                "complainer@example.net", "full.mailbox@example.net");
        // Read messages leave the mailbox; a second pass finds nothing
        assertThat(Api.ops().post("/api/bounces/read").then().statusCode(200).extract().jsonPath()
                .getInt("messages")).isZero();

        // The next send skips the bounced address
        long article = Api.postArticle("Bounce Story About Rail Tickets", "ASTANA – Rail tickets go on sale today.");
        JsonPath report = Api.sendAndWait(article, "signup").jsonPath();
        assertThat(report.getLong("skipped")).isGreaterThanOrEqualTo(1);
        assertThat(Mailboxes.withSubject(mail, "hard.bounce@example.net", "Bounce Story About Rail Tickets")).isEmpty();
        Api.editor().get("/api/bounces").then().statusCode(403);
    }

    @Test
    void theParserReadsEachKindOnItsOwn() throws Exception {
        BounceParser parser = new BounceParser();
        Session session = Session.getInstance(new java.util.Properties());
        BounceReport hard = parser.parse(new MimeMessage(session,
                new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/dsn-hard.eml"))));
        assertThat(hard.findings()).singleElement().satisfies(f -> {
            assertThat(f.email()).isEqualTo("hard.bounce@example.net");
            assertThat(f.kind()).isEqualTo(BounceReport.Kind.HARD);
            assertThat(f.status()).isEqualTo("5.1.1");
            assertThat(f.detail()).contains("User unknown");
        });
        BounceReport complaint = parser.parse(new MimeMessage(session,
                new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/arf-complaint.eml"))));
        assertThat(complaint.findings()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(BounceReport.Kind.COMPLAINT));
        assertThat(parser.parse(new MimeMessage(session,
                new ByteArrayInputStream(Fixtures.bytes("fixtures/bounces/out-of-office.eml")))).parsed()).isFalse();
    }
}
