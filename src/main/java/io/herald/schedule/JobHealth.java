package io.herald.schedule;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.quartz.SchedulerException;

/**
 * Whether each background job runs: a job is stalled when it is not scheduled or has not succeeded for
 * herald.schedule.stalled-after-runs of its intervals (plus stalled-grace). Readiness ({@link JobsReadiness}) and
 * /ops name a stalled job; /q/metrics has herald_job_last_success_seconds{job} and herald_job_stalled{job}; pages
 * ask it why something due waits.
 */
@ApplicationScoped
public class JobHealth {

    /** One job as /ops shows it: its last runs and, when stalled, why. */
    public record JobStatus(JobRun run, boolean expected, String stalled) {

        /** The interval in words: "15s", "1m". */
        public String every() {
            return words(run.interval());
        }

        /** How long the last run took, or "–" when none ended. */
        public String took() {
            return run.lastDuration() == null ? "–" : run.lastDuration().toMillis() + " ms";
        }
    }

    private final JobRunStore runs;
    private final SystemJobs jobs;
    private final ScheduleConfig scheduleConfig;
    private final Clock clock;

    JobHealth(JobRunStore runs, SystemJobs jobs, ScheduleConfig scheduleConfig, Clock clock, MeterRegistry registry) {
        this.runs = runs;
        this.jobs = jobs;
        this.scheduleConfig = scheduleConfig;
        this.clock = clock;
        for (SystemJob job : SystemJob.values()) {
            Gauge.builder("herald_job_last_success_seconds", this, h -> h.lastSuccess(job))
                    .tag("job", job.id())
                    .description("when the job last succeeded, on any node (Unix time; NaN: " + "never)")
                    .register(registry);
            Gauge.builder("herald_job_stalled", this, h -> h.stalledGauge(job))
                    .tag("job", job.id())
                    .description("1 when the job is expected here and stalled, as readiness reports it")
                    .register(registry);
        }
    }

    /** Every job known to this node or to the database, with a reason when it is stalled. */
    public List<JobStatus> statuses() throws SQLException, SchedulerException {
        Instant now = clock.instant();
        Map<SystemJob, Duration> expected = jobs.expected();
        List<JobStatus> all = new ArrayList<>();
        List<JobRun> recorded = runs.all();
        for (SystemJob job : SystemJob.values()) {
            Optional<JobRun> run = recorded.stream().filter(r -> r.job() == job).findFirst();
            Duration interval = expected.get(job);
            if (interval == null) {
                run.ifPresent(r -> all.add(new JobStatus(r, false, null)));
                continue;
            }
            JobRun shown = run.orElse(new JobRun(job, interval, null, null, null, null, null, null, 0));
            all.add(new JobStatus(shown, true, stalled(shown, interval, now)));
        }
        return all;
    }

    private String stalled(JobRun run, Duration interval, Instant now) throws SchedulerException {
        if (!jobs.scheduled(run.job())) {
            return run.job().description() + " is not scheduled on this node";
        }
        Instant since = run.lastSuccessAt() == null || run.lastSuccessAt().isBefore(jobs.startedAt())
                ? jobs.startedAt()
                : run.lastSuccessAt();
        Duration allowed =
                interval.multipliedBy(scheduleConfig.stalledAfterRuns()).plus(scheduleConfig.stalledGrace());
        if (Duration.between(since, now).compareTo(allowed) <= 0) {
            return null;
        }
        String last = run.lastSuccessAt() == null
                ? "has not succeeded since this node started at " + time(since)
                : "has not succeeded since " + time(run.lastSuccessAt());
        String error = run.lastRunFailed() ? "; its last run failed: " + run.lastError() : "";
        return run.job().description() + " " + last + " (it runs every " + words(interval) + ")" + error;
    }

    /** Why the job counts as stalled, or empty when it runs (or is not expected on this node). */
    public Optional<String> stalled(SystemJob job) {
        try {
            return statuses().stream()
                    .filter(s -> s.run().job() == job && s.stalled() != null)
                    .findFirst()
                    .map(JobStatus::stalled);
        } catch (SQLException | SchedulerException e) {
            return Optional.of("the job records cannot be read: " + e.getMessage());
        }
    }

    /**
     * Why something that {@code job} should have handled by now still waits, or empty when nothing says it is the
     * job's fault: the job has not started since {@code due} (for more than two intervals and the grace), or its
     * last run failed.
     */
    public Optional<String> waitingOn(SystemJob job, Instant due) {
        if (due == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!scheduleConfig.enabled()) {
            Duration sinceDue = Duration.between(due, now);
            return sinceDue.compareTo(Duration.ofMinutes(1)) > 0
                    ? Optional.of(job.description() + " does not run on this node (herald.schedule.enabled=false)")
                    : Optional.empty();
        }
        Duration interval = jobs.expected().get(job);
        if (interval == null) {
            return Optional.of(job.description() + " is not configured on this node");
        }
        if (Duration.between(due, now).compareTo(interval.multipliedBy(2).plus(scheduleConfig.stalledGrace())) <= 0) {
            return Optional.empty();
        }
        try {
            Optional<JobRun> run =
                    runs.all().stream().filter(r -> r.job() == job).findFirst();
            Instant started = run.map(JobRun::lastStartAt).orElse(null);
            if (started == null) {
                return Optional.of(
                        job.description() + " has not run since this node started at " + time(jobs.startedAt()));
            }
            if (started.isBefore(due)) {
                return Optional.of(job.description() + " has not run since " + time(started));
            }
            if (run.get().lastRunFailed()) {
                return Optional.of(job.description() + " failed at "
                        + time(run.get().lastFailureAt()) + ": " + run.get().lastError());
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the job records cannot be read: " + e.getMessage());
        }
    }

    private double lastSuccess(SystemJob job) {
        try {
            return runs.all().stream()
                    .filter(r -> r.job() == job && r.lastSuccessAt() != null)
                    .findFirst()
                    .map(r -> r.lastSuccessAt().toEpochMilli() / 1000.0)
                    .orElse(Double.NaN);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private double stalledGauge(SystemJob job) {
        try {
            return statuses().stream().anyMatch(s -> s.run().job() == job && s.stalled() != null) ? 1 : 0;
        } catch (SQLException | SchedulerException e) {
            return Double.NaN;
        }
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String words(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
