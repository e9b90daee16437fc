package io.herald.schedule;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;

/**
 * Quartz listener on the system group: writes each run's start, success or failure and duration into job_run, and
 * counts failures in herald_job_failures_total{job}. A database that cannot take the record is logged; the job's
 * own work is not undone for it.
 */
@ApplicationScoped
public class JobRunRecorder implements JobListener {

    private final JobRunStore store;
    private final Clock clock;
    private final MeterRegistry registry;

    JobRunRecorder(JobRunStore store, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        for (SystemJob job : SystemJob.values()) {
            failures(job); // present at zero from the start, for alert rules
        }
    }

    private Counter failures(SystemJob job) {
        return Counter.builder("herald_job_failures")
                .tag("job", job.id())
                .description("runs of a background job that ended with an error, on this node")
                .register(registry);
    }

    @Override
    public String getName() {
        return "herald-job-runs";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        job(context).ifPresent(job -> record(job, () -> store.started(job, clock.instant())));
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        // Herald vetoes nothing.
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
        Optional<SystemJob> found = job(context);
        if (found.isEmpty()) {
            return;
        }
        SystemJob job = found.get();
        Duration took = Duration.ofMillis(Math.max(0, context.getJobRunTime()));
        if (error == null) {
            record(job, () -> store.succeeded(job, clock.instant(), took));
        } else {
            failures(job).increment();
            String reason = reason(error);
            Log.warnf("Background job %s failed after %d ms: %s", job.id(), took.toMillis(), reason);
            record(job, () -> store.failed(job, clock.instant(), took, reason));
        }
    }

    /** The innermost cause in words: the job wraps what failed. */
    static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Optional<SystemJob> job(JobExecutionContext context) {
        return SystemJob.byId(context.getJobDetail().getKey().getName());
    }

    private interface Write {
        void run() throws SQLException;
    }

    private static void record(SystemJob job, Write write) {
        try {
            write.run();
        } catch (SQLException e) {
            Log.warnf("Background job %s: its run could not be recorded: %s", job.id(), e.getMessage());
        }
    }
}
