package io.herald.schedule;

import io.herald.feed.FeedPoller;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Every herald.feeds.check-interval (one node of a cluster at a time): polls the feeds whose next poll is due. */
@Dependent
@DisallowConcurrentExecution
public class FeedPollJob implements Job {

    private final FeedPoller poller;

    FeedPollJob(FeedPoller poller) {
        this.poller = poller;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            poller.pollDue();
        } catch (Exception e) {
            throw new JobExecutionException(e);
        }
    }
}
