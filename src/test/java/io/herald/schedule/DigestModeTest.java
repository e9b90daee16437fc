package io.herald.schedule;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.Distribution;
import io.herald.delivery.SendPlanner;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A digest list gets every new article in one email on its schedule, led by the oldest, and nothing twice. */
@QuarkusTest
class DigestModeTest {

    @InjectGreenMail
    GreenMail mail;

    @Inject
    ListScheduleJob job;

    @Inject
    Distribution distribution;

    @Test
    void newArticlesGoOutAsOneDigest() throws Exception {
        Api.postArticle("Digest story A", "VIENNA – Story A.");
        Api.postArticle("Digest story B", "VIENNA – Story B.");

        job.run("mixed");
        // One edition carries every article the list has not had: exactly one email per member.
        List<MimeMessage> received = Mailboxes.await(mail, "second@example.com", null, 1);
        assertThat(received).hasSize(1); // every recent article of any test goes in, however many
        MimeMessage digest = received.get(0);
        assertThat(digest.getSubject()).matches(".+ and \\d+ more stor(y|ies)");
        String html = (String) ((Multipart) digest.getContent()).getBodyPart(1).getContent();
        assertThat(html).contains("Digest story A").contains("Digest story B");
        assertThat(html.indexOf("Digest story A")).isLessThan(html.indexOf("Digest story B"));

        List<SendPlanner.Plan> again = distribution.distributeNew("mixed", "schedule");
        assertThat(again).isEmpty();
    }
}
