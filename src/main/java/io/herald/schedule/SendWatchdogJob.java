package io.herald.schedule;

import io.herald.SendControl;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * Every herald.schedule.watchdog-interval (on one node of a cluster): any batch of a running send that holds open
 * rows but has no Quartz job gets one. The safety net under requestRecovery: nothing a crash leaves behind waits
 * forever.
 */
@Dependent
@DisallowConcurrentExecution
public class SendWatchdogJob implements Job {

    private final SendControl sends;

    SendWatchdogJob(SendControl sends) {
        this.sends = sends;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            sends.resumeOrphans();
        } catch (Exception e) {
            throw new JobExecutionException(e);
        }
    }
}
