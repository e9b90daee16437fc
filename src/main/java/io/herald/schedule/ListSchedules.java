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
import org.quartz.CronTrigger;
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
            JobDetail job = job(list);
            wanted.add(job.getKey());
            Trigger trigger = trigger(list, job);
            CronTrigger held = heldUnchanged(trigger);
            if (held != null) {
                Log.infof(
                        "List %s keeps its schedule: %s (%s), next at %s",
                        list.id(),
                        list.schedule(),
                        list.timeZone(),
                        held.getNextFireTime() == null
                                ? "none"
                                : held.getNextFireTime().toInstant());
                continue;
            }
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

    /**
     * The trigger Quartz already holds for this one, when it has the same schedule and time zone; null when there is
     * none or it differs. Such a trigger is kept, not stored again: a new trigger counts its first fire from now, so
     * an edition whose time passed while no node ran (a deploy across the list's hour) would wait for the next day;
     * the kept one is late, and Quartz fires it once as the node starts
     * ({@code withMisfireHandlingInstructionFireAndProceed}).
     */
    private CronTrigger heldUnchanged(Trigger wanted) throws SchedulerException {
        if (!(quartz.getTrigger(wanted.getKey()) instanceof CronTrigger held)
                || !(wanted instanceof CronTrigger cron)) {
            return null;
        }
        boolean same = held.getJobKey().equals(cron.getJobKey())
                && held.getCronExpression().equals(cron.getCronExpression())
                && held.getTimeZone().getID().equals(cron.getTimeZone().getID())
                && quartz.getTriggerState(held.getKey()) != Trigger.TriggerState.ERROR;
        return same ? held : null;
    }

    static JobDetail job(MailingList list) {
        return JobBuilder.newJob(ListScheduleJob.class)
                .withIdentity(JobKey.jobKey("list-" + list.id(), GROUP))
                .usingJobData(ListScheduleJob.LIST_ID, list.id())
                .build();
    }

    static Trigger trigger(MailingList list, JobDetail job) {
        return TriggerBuilder.newTrigger()
                .withIdentity("list-" + list.id(), GROUP)
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(list.schedule())
                        .inTimeZone(TimeZone.getTimeZone(list.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
