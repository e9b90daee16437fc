package io.herald.web;

import java.util.List;

import io.herald.delivery.DeliveryReport;
import io.herald.feed.Feed;
import io.herald.schedule.JobHealth;
import io.herald.schedule.SystemJob;
import io.herald.social.OutboxPost;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds to what the API and /ops show why something due still waits when a background job is to blame: a post
 * due minutes ago with no attempt says "the publishing job has not run since ...", not a bare "pending".
 */
@ApplicationScoped
public class WaitingReasons {

    private final JobHealth jobs;

    WaitingReasons(JobHealth jobs) {
        this.jobs = jobs;
    }

    public OutboxPost post(OutboxPost post) {
        if (!OutboxPost.PENDING.equals(post.state())) {
            return post;
        }
        return jobs.waitingOn(SystemJob.SOCIAL_PUBLISH, post.due())
                .map(post::withWaiting)
                .orElse(post);
    }

    public List<OutboxPost> posts(List<OutboxPost> posts) {
        return posts.stream().map(this::post).toList();
    }

    public Feed feed(Feed feed) {
        return jobs.waitingOn(SystemJob.FEED_POLL, feed.nextPollAt())
                .map(feed::withWaiting)
                .orElse(feed);
    }

    public List<Feed> feeds(List<Feed> feeds) {
        return feeds.stream().map(this::feed).toList();
    }

    /** A running send with no reason of its own names a stalled watchdog, which rescues batches that lost their job. */
    public DeliveryReport send(DeliveryReport report) {
        if (!report.running() || report.statusReason() != null) {
            return report;
        }
        return jobs.stalled(SystemJob.SEND_WATCHDOG)
                .map(why -> report.withStatusReason("batches that lose their job wait: " + why))
                .orElse(report);
    }
}
