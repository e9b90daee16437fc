package io.herald.schedule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

import io.herald.config.HeraldConfig;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberSync.ListsSynced;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps Quartz's list jobs in step with the list files: one cron trigger per list with a schedule, in the list's
 * time zone; lists that lost their schedule lose their job. Also registers the send watchdog, the social
 * publish job and the feed poll job.
 */
@ApplicationScoped
public class ListSchedules {

    static final String GROUP = "lists";

    private final Scheduler quartz;
    private final HeraldConfig config;

    ListSchedules(Scheduler quartz, HeraldConfig config) {
        this.quartz = quartz;
        this.config = config;
    }

    void onLists(@Observes ListsSynced synced) throws SchedulerException {
        if (config.schedule().enabled()) {
            register(synced.lists());
            watchdog();
        }
    }

    private void watchdog() throws SchedulerException {
        JobDetail job = JobBuilder.newJob(SendWatchdogJob.class).withIdentity("send-watchdog", "system").build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("send-watchdog", "system").forJob(job)
                .withSchedule(org.quartz.SimpleScheduleBuilder.repeatMinutelyForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        quartz.scheduleJob(job, Set.of(trigger), true);
        JobDetail social = JobBuilder.newJob(SocialPublishJob.class).withIdentity("social-publish", "system").build();
        Trigger every = TriggerBuilder.newTrigger().withIdentity("social-publish", "system").forJob(social)
                .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(config.social().pollInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        quartz.scheduleJob(social, Set.of(every), true);
        JobDetail feeds = JobBuilder.newJob(FeedPollJob.class).withIdentity("feed-poll", "system").build();
        Trigger poll = TriggerBuilder.newTrigger().withIdentity("feed-poll", "system").forJob(feeds)
                .withSchedule(org.quartz.SimpleScheduleBuilder.repeatSecondlyForever(30)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        quartz.scheduleJob(feeds, Set.of(poll), true);
        if (config.bounces().imapHost().isPresent()) {
            JobDetail bounces = JobBuilder.newJob(BounceMailboxJob.class).withIdentity("bounce-mailbox", "system")
                    .build();
            Trigger read = TriggerBuilder.newTrigger().withIdentity("bounce-mailbox", "system").forJob(bounces)
                    .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(config.bounces().pollInterval().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            quartz.scheduleJob(bounces, Set.of(read), true);
        }
    }

    void register(List<MailingList> lists) throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (MailingList list : lists) {
            if (list.schedule() == null) {
                continue;
            }
            JobKey key = JobKey.jobKey("list-" + list.id(), GROUP);
            wanted.add(key);
            JobDetail job = JobBuilder.newJob(ListScheduleJob.class).withIdentity(key)
                    .usingJobData(ListScheduleJob.LIST_ID, list.id()).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("list-" + list.id(), GROUP).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(list.schedule())
                            .inTimeZone(TimeZone.getTimeZone(list.timeZone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            quartz.scheduleJob(job, Set.of(trigger), true);
            Log.infof("List %s scheduled: %s (%s)", list.id(), list.schedule(), list.timeZone());
        }
        for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(key)) {
                quartz.deleteJob(key);
                Log.infof("Schedule %s removed: its list has no schedule any more", key.getName());
            }
        }
    }
}
