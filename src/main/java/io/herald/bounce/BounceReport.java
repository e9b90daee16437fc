package io.herald.bounce;

import java.util.List;

/** What one message in the bounce mailbox says: findings per recipient, or why it could not be read. */
public record BounceReport(List<Finding> findings, String unparsedReason) {

    /** One recipient and what happened to them. */
    public record Finding(String email, Kind kind, String status, String detail) {
    }

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
