package io.herald.schedule;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scheduler: the lists' Quartz schedules and the watch on background jobs. The parts of herald.schedule the
 * delivery side reads (max-article-age, delivery-lease) are in io.herald.delivery.DeliveryConfig. */
@ConfigMapping(prefix = "herald.schedule")
public interface ScheduleConfig {
    /** Register each list's cron with Quartz; tests turn it off and call the job themselves. */
    @WithDefault("true")
    boolean enabled();

    /** How often the send watchdog looks for batches of running sends that have no Quartz job. */
    @WithDefault("1m")
    Duration watchdogInterval();

    /**
     * A background job (social publishing, feed polling, the send watchdog, the bounce mailbox) that has not
     * succeeded for this many of its intervals, plus stalled-grace, is stalled: readiness goes down naming it,
     * /ops shows it, and herald_job_stalled{job} is 1.
     */
    @WithDefault("3")
    int stalledAfterRuns();

    /** Time added to stalled-after-runs intervals, so that a slow start or one long run is not a stall. */
    @WithDefault("1m")
    Duration stalledGrace();
}
