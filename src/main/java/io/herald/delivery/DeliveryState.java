package io.herald.delivery;

import java.util.Locale;

/** One reader's row of a send; stored in delivery.state as the lower-case name ("pending", "sent", ...). */
public enum DeliveryState {
    /** Not tried yet, due again after a temporary failure, or in flight (its batch leased by a worker). */
    PENDING,
    /**
     * Never stored: the reports count the rows of the workers' current claims as sending (pending in the table, each
     * written once with its outcome; DeliveryRows).
     */
    SENDING,
    /** The relay accepted it. */
    SENT,
    /** The relay refused it for now and the retries ran out. */
    FAILED_TEMPORARY,
    /** The relay refused it for good. */
    FAILED_PERMANENT,
    /** Not sent on purpose: suppressed, unsubscribed since planning, or an address the relay cannot take. */
    SKIPPED,
    /** The send was cancelled before this row was tried (a message the relay took meanwhile is recorded sent). */
    CANCELLED,
    /** A dry run: rendered once for a sample, nobody sent to. */
    DRY_RUN;

    /** The stored text. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text();
    }
}
