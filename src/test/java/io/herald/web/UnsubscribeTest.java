package io.herald.web;

import java.net.URI;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.SubscriberSync;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** RFC 8058 one-click unsubscribe from the header of a received email, and the next send skipping that member. */
@QuarkusTest
class UnsubscribeTest {

    @InjectGreenMail
    GreenMail mail;

    @Inject
    SubscriberSync sync;

    @Inject
    SubscriberStore subscribers;

    @Test
    void oneClickUnsubscribesAndTheNextSendSkipsTheMember() throws Exception {
        long first = Api.postArticle("First story for the unsubscribe list", "ROME – First body.");
        Api.sendAndWait(first, "unsub");
        MimeMessage received = Mailboxes.await(mail, "leaving@example.net", "First story for the unsubscribe list", 1)
                .get(0);
        URI link = URI.create(received.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", ""));
        String path = link.getRawPath() + "?" + link.getRawQuery();

        // A mail scanner following the link changes nothing; the page asks for confirmation.
        given().get(path)
                .then()
                .statusCode(200)
                .body(containsString("leaving@example.net"))
                .body(containsString("method=\"post\""));
        // What a mail client sends for one-click (RFC 8058 section 3.2).
        given().contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .post(path)
                .then()
                .statusCode(200)
                .body(containsString("You are unsubscribed"));
        // Doing it twice is harmless.
        given().contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .post(path)
                .then()
                .statusCode(200);

        // The list file still names the member; the unsubscribe in the database wins over it.
        sync.syncAll(true);
        long leaving = io.herald.subscriber.UnsubscribeTokensAccess.subscriberOf(
                link.getRawQuery().substring(2));
        assertThat(subscribers.state("unsub", leaving)).hasValue(SubscriberStore.UNSUBSCRIBED);

        long second = Api.postArticle("Second story for the unsubscribe list", "ROME – Second body.");
        var report = Api.sendAndWait(second, "unsub").jsonPath();
        assertThat(report.getLong("sent")).isEqualTo(1);
        assertThat(report.getLong("skipped")).isEqualTo(1);
        Mailboxes.await(mail, "staying@example.net", "Second story for the unsubscribe list", 1);
        assertThat(Mailboxes.withSubject(mail, "leaving@example.net", "Second story for the unsubscribe list"))
                .isEmpty();
    }
}
