package io.herald.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands sends to Quartz: one durable-until-done job per send, with requestRecovery so that if the node running it
 * dies, Quartz runs it again (on another node in a cluster), and the ledger's leases make that safe.
 */
@ApplicationScoped
public class SendScheduler {

    static final String GROUP = "sends";
    static final String SEND_ID = "sendId";

    private final Scheduler quartz;

    SendScheduler(Scheduler quartz) {
        this.quartz = quartz;
    }

    public void runNow(long sendId) {
        runAt(sendId, Instant.now());
    }

    public void runAt(long sendId, Instant when) {
        JobDetail job = JobBuilder.newJob(SendJob.class)
                .withIdentity(key(sendId))
                .usingJobData(SEND_ID, String.valueOf(sendId)) // Quarkus stores job data as properties: strings only
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("send-" + sendId + "-" + when.toEpochMilli(), GROUP)
                .forJob(job)
                .startAt(Date.from(when))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule send " + sendId, e);
        }
    }

    /** Whether Quartz holds a job for this send (planned or running). */
    public boolean hasJob(long sendId) {
        try {
            return quartz.checkExists(key(sendId));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobKey key(long sendId) {
        return JobKey.jobKey("send-" + sendId, GROUP);
    }
}
