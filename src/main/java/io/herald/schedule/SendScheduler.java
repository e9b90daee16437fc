package io.herald.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

import io.herald.BatchQueue;
import jakarta.enterprise.context.ApplicationScoped;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Hands a send's batches to Quartz: one job per batch, with requestRecovery so that if the node running it dies,
 * Quartz runs it again (on another node in a cluster), and the ledger's leases make that safe.
 */
@ApplicationScoped
public class SendScheduler implements BatchQueue {

    static final String GROUP = "sends";
    static final String SEND_ID = "sendId";
    static final String BATCH = "batch";

    private final Scheduler quartz;

    SendScheduler(Scheduler quartz) {
        this.quartz = quartz;
    }

    @Override
    public void runBatchAt(long sendId, int seq, Instant when) {
        JobDetail job = JobBuilder.newJob(BatchJob.class)
                .withIdentity(key(sendId, seq))
                // Quarkus stores job data as properties: strings only.
                .usingJobData(SEND_ID, String.valueOf(sendId))
                .usingJobData(BATCH, String.valueOf(seq))
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("send-" + sendId + "-b" + seq + "-" + when.toEpochMilli(), GROUP)
                .forJob(job)
                .startAt(Date.from(when))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule batch " + seq + " of send " + sendId, e);
        }
    }

    /** Whether Quartz holds a job for this batch (waiting or running). */
    @Override
    public boolean hasJob(long sendId, int seq) {
        try {
            return quartz.checkExists(key(sendId, seq));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobKey key(long sendId, int seq) {
        return JobKey.jobKey("send-" + sendId + "-b" + seq, GROUP);
    }
}
