package io.herald.schedule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberSync.ListsSynced;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Keeps Quartz's list jobs in step with the list files: one cron trigger per list with a schedule, in the list's
 * time zone; lists that lost their schedule lose their job. The background jobs that serve every list are
 * {@link SystemJobs}'.
 */
@ApplicationScoped
public class ListSchedules {

    static final String GROUP = "lists";

    private final Scheduler quartz;
    private final ScheduleConfig scheduleConfig;

    ListSchedules(Scheduler quartz, ScheduleConfig scheduleConfig) {
        this.quartz = quartz;
        this.scheduleConfig = scheduleConfig;
    }

    void onLists(@Observes ListsSynced synced) throws SchedulerException {
        if (scheduleConfig.enabled()) {
            register(synced.lists());
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
            JobDetail job = JobBuilder.newJob(ListScheduleJob.class)
                    .withIdentity(key)
                    .usingJobData(ListScheduleJob.LIST_ID, list.id())
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity("list-" + list.id(), GROUP)
                    .forJob(job)
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
