package io.herald.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A list's cron trigger across the list syncs of a node's starts: kept while the list's schedule and time zone stay
 * the same, so that a list time that passed while no node ran still goes out; replaced when either changes. Schedules
 * on, a database of its own and no subscriber folder, so that nothing but the test registers a list.
 */
@QuarkusTest
@TestProfile(ListSchedulesTest.SchedulesOn.class)
class ListSchedulesTest {

    public static class SchedulesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "herald.schedule.enabled",
                    "true",
                    "herald.subscribers.dir",
                    "target/no-list-folder-here",
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:list-schedules;DB_CLOSE_DELAY=-1");
        }
    }

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    @InjectGreenMail
    GreenMail mail;

    @Inject
    Scheduler quartz;

    @Inject
    ListSchedules schedules;

    @Inject
    MailingLists mailingLists;

    static MailingList list(String id, String schedule, ZoneId zone) {
        return new MailingList(
                id,
                "Morning " + id,
                "News Desk <desk@example.com>",
                null,
                schedule,
                zone,
                MailingList.Mode.PER_ARTICLE);
    }

    static TriggerKey triggerOf(String list) {
        return TriggerKey.triggerKey("list-" + list, ListSchedules.GROUP);
    }

    @Test
    void aListTimeThatPassedWhileNoNodeRanGoesOutWhenTheNodeStartsAgain() throws Exception {
        // The list's time was ten seconds ago, in the list's own zone: every day at that second.
        ZonedDateTime due = ZonedDateTime.now(ALMATY).minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * ?";
        MailingList list = list("restart-morning", cron, ALMATY);
        mailingLists.upsert(list, Instant.now());
        Api.ops()
                .contentType("text/csv; charset=UTF-8")
                .body("email,name\nmorning.restart@example.com,Early Reader\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/lists/restart-morning/members")
                .then()
                .statusCode(200)
                .body("added", is(1));
        String title = "Almaty Opens Its Winter Market";
        Api.postArticle(title, "ALMATY – The winter market opened on Tuesday with 200 stalls, the city said.");

        quartz.standby();
        try {
            // What the node left in the job store when it stopped before the list's time: the list's trigger as the
            // node had stored it, its next fire the time that then passed.
            JobDetail job = ListSchedules.job(list);
            Trigger leftBehind = ListSchedules.trigger(list, job)
                    .getTriggerBuilder()
                    .startAt(Date.from(due.minusSeconds(20).toInstant()))
                    .build();
            quartz.scheduleJob(job, Set.of(leftBehind), true);
            assertThat(quartz.getTrigger(triggerOf("restart-morning")).getNextFireTime())
                    .isEqualTo(Date.from(due.toInstant()));

            // The node starts again: its list sync registers the list as the file still describes it.
            schedules.register(List.of(list));
            assertThat(quartz.getTrigger(triggerOf("restart-morning")).getNextFireTime())
                    .isEqualTo(Date.from(due.toInstant()));
        } finally {
            quartz.start();
        }

        // Quartz fires the late trigger as soon as it runs again: the edition goes out today, not tomorrow.
        assertThat(Mailboxes.await(mail, "morning.restart@example.com", title, 1))
                .hasSize(1);
        assertThat(quartz.getTrigger(triggerOf("restart-morning")).getNextFireTime())
                .isEqualTo(Date.from(due.plusDays(1).toInstant()));
    }

    @Test
    void aSyncKeepsAnUnchangedTriggerAndReplacesAChangedOne() throws Exception {
        MailingList seven = list("kept-evening", "0 0 19 * * ?", ALMATY);
        schedules.register(List.of(seven));
        Date storedAt = quartz.getTrigger(triggerOf("kept-evening")).getStartTime();
        // A trigger stored again from here on starts later than the first one did (a cron trigger's start is kept
        // in whole seconds).
        Awaitility.await().until(() -> System.currentTimeMillis() >= storedAt.getTime() + 1000);

        schedules.register(List.of(seven));
        assertThat(quartz.getTrigger(triggerOf("kept-evening")).getStartTime()).isEqualTo(storedAt);

        schedules.register(List.of(list("kept-evening", "0 30 19 * * ?", ALMATY)));
        CronTrigger later = (CronTrigger) quartz.getTrigger(triggerOf("kept-evening"));
        assertThat(later.getCronExpression()).isEqualTo("0 30 19 * * ?");
        assertThat(later.getStartTime()).isAfter(storedAt);

        schedules.register(List.of(list("kept-evening", "0 30 19 * * ?", ZoneId.of("Europe/Istanbul"))));
        CronTrigger moved = (CronTrigger) quartz.getTrigger(triggerOf("kept-evening"));
        assertThat(moved.getTimeZone().getID()).isEqualTo("Europe/Istanbul");
        assertThat(moved.getNextFireTime()
                        .toInstant()
                        .atZone(ZoneId.of("Europe/Istanbul"))
                        .toLocalTime())
                .isEqualTo(LocalTime.of(19, 30));

        // A list without a schedule any more loses its job.
        schedules.register(List.of(list("kept-evening", null, ALMATY)));
        assertThat(quartz.checkExists(JobKey.jobKey("list-kept-evening", ListSchedules.GROUP)))
                .isFalse();
    }
}
