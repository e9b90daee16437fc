package io.herald.schedule;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.quartz.SchedulerException;

/**
 * Readiness check "background-jobs": down, naming the job and since when, while a background job this node expects
 * is stalled ({@link JobHealth}); each running job shows as "ok". The job records are shared by a cluster's nodes,
 * so a stalled job is reported by every node that expects it.
 */
@Readiness
@ApplicationScoped
public class JobsReadiness implements HealthCheck {

    private final JobHealth health;
    private final ScheduleConfig scheduleConfig;

    JobsReadiness(JobHealth health, ScheduleConfig scheduleConfig) {
        this.health = health;
        this.scheduleConfig = scheduleConfig;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer =
                HealthCheckResponse.named("background-jobs").up();
        if (!scheduleConfig.enabled()) {
            return answer.withData("jobs", "not run by this node (herald.schedule.enabled=false)")
                    .build();
        }
        try {
            for (JobHealth.JobStatus status : health.statuses()) {
                if (status.stalled() != null) {
                    answer.down().withData(status.run().job().id(), status.stalled());
                } else if (status.expected()) {
                    answer.withData(status.run().job().id(), "ok");
                }
            }
        } catch (SQLException | SchedulerException e) {
            answer.down().withData("error", "the job records cannot be read: " + e.getMessage());
        }
        return answer.build();
    }
}
