package io.herald.feed;

/** Why a poll failed, in words an editor can act on; recorded on the feed and retried with backoff. */
public class FeedFailure extends Exception {

    public FeedFailure(String reason) {
        super(reason);
    }
}
