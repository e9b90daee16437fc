package io.herald.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

import io.herald.Distribution;
import io.herald.delivery.SendRunner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.Dependent;

/** Runs one send through Distribution; when rows wait for a retry, schedules itself again for then. */
@Dependent
@DisallowConcurrentExecution
public class SendJob implements Job {

    private final Distribution distribution;
    private final SendScheduler scheduler;

    SendJob(Distribution distribution, SendScheduler scheduler) {
        this.distribution = distribution;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long sendId = Long.parseLong(context.getMergedJobDataMap().getString(SendScheduler.SEND_ID));
        try {
            SendRunner.Outcome outcome = distribution.deliver(sendId);
            if (!outcome.finished()) {
                Log.infof("Send %d: recipients wait for a retry at %s", sendId, outcome.retryAt());
                scheduler.runAt(sendId, outcome.retryAt());
            }
        } catch (Exception e) {
            // Quartz logs and drops a failed execution; ask it to try again instead of losing the send.
            Log.errorf(e, "Send %d failed to run; Quartz will retry it", sendId);
            JobExecutionException retry = new JobExecutionException(e);
            retry.setRefireImmediately(false);
            scheduler.runAt(sendId, java.time.Instant.now().plusSeconds(30));
            throw retry;
        }
    }
}
