package io.herald.schedule;

import io.herald.social.OutboxPublisher;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * Every herald.social.poll-interval (on one node of a cluster at a time): publishes the teasers that are due. Safe to
 * run twice at once anyway: each post is claimed by a conditional update before its platform is called.
 */
@Dependent
@DisallowConcurrentExecution
public class SocialPublishJob implements Job {

    private final OutboxPublisher outbox;

    SocialPublishJob(OutboxPublisher outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            outbox.publishDue();
        } catch (Exception e) {
            throw new JobExecutionException(e);
        }
    }
}
