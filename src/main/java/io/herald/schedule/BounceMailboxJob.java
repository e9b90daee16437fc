package io.herald.schedule;

import io.herald.bounce.BounceMailbox;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Every herald.bounces.poll-interval (one node of a cluster at a time): reads the bounce mailbox. */
@Dependent
@DisallowConcurrentExecution
public class BounceMailboxJob implements Job {

    private final BounceMailbox mailbox;

    BounceMailboxJob(BounceMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            mailbox.read();
        } catch (Exception e) {
            throw new JobExecutionException(e);
        }
    }
}
