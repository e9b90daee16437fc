package io.herald.schedule;

import io.herald.Distribution;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** A list's cron: sends what the list has not had yet. Only calls Distribution; one run per list at a time. */
@Dependent
@DisallowConcurrentExecution
public class ListScheduleJob implements Job {

    static final String LIST_ID = "listId";

    private final Distribution distribution;

    ListScheduleJob(Distribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        run(context.getMergedJobDataMap().getString(LIST_ID));
    }

    /** The job's work, callable without Quartz (tests, and the CLI). */
    public void run(String listId) throws JobExecutionException {
        try {
            distribution.distributeNew(listId, "schedule");
        } catch (Exception e) {
            // Quartz reports job failures at INFO; say it loudly here.
            Log.errorf(e, "Scheduled run of list %s failed", listId);
            throw new JobExecutionException("List " + listId + ": " + e.getMessage(), e);
        }
    }
}
