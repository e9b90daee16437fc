package io.herald.schedule;

import org.quartz.Job;
import org.quartz.JobKey;

/**
 * The background jobs Herald runs whatever its lists are: registered at start by {@link SystemJobs}, watched by
 * {@link JobHealth}. List schedules and send batches are not among them: they belong to a list or a send.
 */
public enum SystemJob {
    SOCIAL_PUBLISH("social-publish", "the publishing job", SocialPublishJob.class),
    FEED_POLL("feed-poll", "the feed poll job", FeedPollJob.class),
    SEND_WATCHDOG("send-watchdog", "the send watchdog", SendWatchdogJob.class),
    BOUNCE_MAILBOX("bounce-mailbox", "the bounce mailbox job", BounceMailboxJob.class);

    /** Quartz group of every system job and trigger. */
    public static final String GROUP = "system";

    private final String id;
    private final String description;
    private final Class<? extends Job> type;

    SystemJob(String id, String description, Class<? extends Job> type) {
        this.id = id;
        this.description = description;
        this.type = type;
    }

    /** The name in Quartz, in the job_run table, in metrics labels and on /ops. */
    public String id() {
        return id;
    }

    /** What a person reads: "the publishing job". */
    public String description() {
        return description;
    }

    Class<? extends Job> type() {
        return type;
    }

    JobKey key() {
        return JobKey.jobKey(id, GROUP);
    }

    static java.util.Optional<SystemJob> byId(String id) {
        for (SystemJob job : values()) {
            if (job.id.equals(id)) {
                return java.util.Optional.of(job);
            }
        }
        return java.util.Optional.empty();
    }
}
