package io.herald.schedule;

import java.time.Instant;

import io.herald.Distribution;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Delivers one batch of a send through Distribution; when rows wait for a retry, schedules itself for then. */
@Dependent
@DisallowConcurrentExecution
public class BatchJob implements Job {

    private final Distribution distribution;
    private final SendScheduler scheduler;

    BatchJob(Distribution distribution, SendScheduler scheduler) {
        this.distribution = distribution;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long sendId = Long.parseLong(context.getMergedJobDataMap().getString(SendScheduler.SEND_ID));
        int seq = Integer.parseInt(context.getMergedJobDataMap().getString(SendScheduler.BATCH));
        try {
            distribution.deliverBatch(sendId, seq).ifPresent(due -> scheduler.runBatchAt(sendId, seq, due));
        } catch (Exception e) {
            // Quartz drops a failed execution; queue the batch again instead of losing its recipients.
            Log.errorf(e, "Send %d batch %d failed to run; retrying in 30 s", sendId, seq);
            scheduler.runBatchAt(sendId, seq, Instant.now().plusSeconds(30));
            throw new JobExecutionException(e);
        }
    }
}
