package io.herald.digest;

/**
 * Where an edition lives: its campaign name for the links' utm_campaign, the address of its public web copy ("view in
 * browser"), and how its links are counted.
 */
public record EditionContext(String campaign, String viewOnlineUrl, LinkTracking tracking) {

    public EditionContext {
        tracking = tracking == null ? LinkTracking.NONE : tracking;
    }

    public EditionContext(String campaign, String viewOnlineUrl) {
        this(campaign, viewOnlineUrl, LinkTracking.NONE);
    }

    /** The same edition with its links counted as given. */
    public EditionContext tracked(LinkTracking tracking) {
        return new EditionContext(campaign, viewOnlineUrl, tracking);
    }
}
