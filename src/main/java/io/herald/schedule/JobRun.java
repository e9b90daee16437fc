package io.herald.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * What a background job did last, from the job_run table (shared by the nodes of a cluster).
 *
 * @param job the job
 * @param interval how often it is meant to run
 * @param registeredAt when a node last registered it with Quartz
 * @param lastStartAt when a run last started, on any node
 * @param lastSuccessAt when a run last ended without an error
 * @param lastFailureAt when a run last ended with an error
 * @param lastError that error, in words
 * @param lastDuration how long the last run took
 * @param failures runs that ended with an error, ever
 */
public record JobRun(
        SystemJob job,
        Duration interval,
        Instant registeredAt,
        Instant lastStartAt,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        String lastError,
        Duration lastDuration,
        long failures) {

    /** True when the last run that ended, ended with an error. */
    public boolean lastRunFailed() {
        return lastFailureAt != null && (lastSuccessAt == null || lastFailureAt.isAfter(lastSuccessAt));
    }
}
