package io.herald.bounce;

import java.util.List;

/**
 * What one message in the bounce mailbox says: findings per recipient, or why it could not be read; and the
 * Message-ID of the message it reports on, from the headers it returns (null when it returns none).
 */
public record BounceReport(List<Finding> findings, String unparsedReason, String originalMessageId) {

    BounceReport(List<Finding> findings, String unparsedReason) {
        this(findings, unparsedReason, null);
    }

    BounceReport about(String messageId) {
        return new BounceReport(findings, unparsedReason, messageId);
    }

    /** One recipient (null when a complaint does not say; the returned Message-ID does) and what happened. */
    public record Finding(String email, Kind kind, String status, String detail) {}

    public enum Kind {
        /** Permanent failure (5.x.x): the address is suppressed at once. */
        HARD,
        /** Temporary failure or delay (4.x.x): suppressed after herald.bounces.soft-limit of them. */
        SOFT,
        /** A feedback report (spam complaint): suppressed at once. */
        COMPLAINT
    }

    static BounceReport unparsed(String reason) {
        return new BounceReport(List.of(), reason);
    }

    public boolean parsed() {
        return unparsedReason == null;
    }
}
