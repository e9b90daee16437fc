package io.herald.schedule;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.herald.bounce.BouncesConfig;
import io.herald.feed.FeedsConfig;
import io.herald.social.SocialConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Registers every background job with Quartz when Herald starts, in this one place, whatever the lists are (a
 * node without a subscriber folder still publishes teasers and polls feeds). List schedules stay with
 * {@link ListSchedules}. The run recorder is attached on every node, since any node of a cluster may run a job.
 */
@ApplicationScoped
public class SystemJobs {

    private final Scheduler quartz;
    private final ScheduleConfig scheduleConfig;
    private final SocialConfig socialConfig;
    private final FeedsConfig feedsConfig;
    private final BouncesConfig bouncesConfig;
    private final JobRunRecorder recorder;
    private final JobRunStore runs;
    private final Clock clock;
    private final Instant startedAt;

    SystemJobs(
            Scheduler quartz,
            ScheduleConfig scheduleConfig,
            SocialConfig socialConfig,
            FeedsConfig feedsConfig,
            BouncesConfig bouncesConfig,
            JobRunRecorder recorder,
            JobRunStore runs,
            Clock clock) {
        this.quartz = quartz;
        this.scheduleConfig = scheduleConfig;
        this.socialConfig = socialConfig;
        this.feedsConfig = feedsConfig;
        this.bouncesConfig = bouncesConfig;
        this.recorder = recorder;
        this.runs = runs;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Before the subscriber sync (priority 10), so that nothing about the lists can keep the jobs away. */
    void onStart(@Observes @Priority(5) StartupEvent event) throws SchedulerException, SQLException {
        quartz.getListenerManager().addJobListener(recorder, GroupMatcher.jobGroupEquals(SystemJob.GROUP));
        if (!scheduleConfig.enabled()) {
            Log.info("Background jobs are not registered on this node (herald.schedule.enabled=false)");
            return;
        }
        for (Map.Entry<SystemJob, Duration> wanted : expected().entrySet()) {
            register(wanted.getKey(), wanted.getValue());
        }
    }

    private void register(SystemJob job, Duration interval) throws SchedulerException, SQLException {
        JobDetail detail = JobBuilder.newJob(job.type()).withIdentity(job.key()).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job.id(), SystemJob.GROUP)
                .forJob(detail)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        quartz.scheduleJob(detail, Set.of(trigger), true);
        runs.register(job, interval, clock.instant());
        Log.infof("Background job %s: every %s", job.id(), interval);
    }

    /** The jobs this node's settings ask for, with their intervals; empty when jobs are off here. */
    public Map<SystemJob, Duration> expected() {
        Map<SystemJob, Duration> jobs = new EnumMap<>(SystemJob.class);
        if (!scheduleConfig.enabled()) {
            return jobs;
        }
        jobs.put(SystemJob.SOCIAL_PUBLISH, socialConfig.pollInterval());
        jobs.put(SystemJob.FEED_POLL, feedsConfig.checkInterval());
        jobs.put(SystemJob.SEND_WATCHDOG, scheduleConfig.watchdogInterval());
        if (bouncesConfig.imapHost().isPresent()) {
            jobs.put(SystemJob.BOUNCE_MAILBOX, bouncesConfig.pollInterval());
        }
        return jobs;
    }

    /** True when Quartz holds the job (it may still be paused or starved: {@link JobHealth} tells that). */
    boolean scheduled(SystemJob job) throws SchedulerException {
        return quartz.checkExists(job.key());
    }

    /** When this node started: a job is not stalled before it had its intervals to run in. */
    Instant startedAt() {
        return startedAt;
    }
}
