package io.herald.schedule;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.Distribution;
import io.herald.delivery.SendPlanner;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The list's scheduled job, called directly: it sends what the list has not had, and only once. */
@QuarkusTest
class ScheduledPathTest {

    @InjectGreenMail
    GreenMail mail;

    @Inject
    ListScheduleJob job;

    @Inject
    Distribution distribution;

    @Test
    void theScheduledJobSendsNewArticlesOnce() throws Exception {
        String title = "Morning story for the scheduled list";
        long article = Api.postArticle(title, "ISTANBUL – A body for the schedule.");

        job.run("sched");
        assertThat(Mailboxes.await(mail, "morning@example.com", title, 1)).hasSize(1);

        // The ops path for the same article and list joins the send the schedule made.
        SendPlanner.Plan again = distribution.start(java.util.List.of(article), "sched", false, "test", null);
        assertThat(again.created()).isFalse();
        Api.awaitFinished(again.sendId());
        // The send the schedule started is on the audit trail, with the schedule as the one who started it
        Api.ops()
                .queryParam("actor", "schedule")
                .queryParam("action", "send.start")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("target", org.hamcrest.Matchers.hasItem("send " + again.sendId()))
                .body("address", org.hamcrest.Matchers.hasItem("herald"));

        // A second run finds nothing new for this list: no send is planned at all.
        assertThat(distribution.distributeNew("sched", "schedule")).isEmpty();
        job.run("sched");
        assertThat(Mailboxes.withSubject(mail, "morning@example.com", title)).hasSize(1);
    }
}
