package io.herald.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a send is in its life; stored in send.status as the lower-case name ("planned", "sending", ...). */
public enum SendStatus {
    /** Rows written, no batch run yet. */
    PLANNED,
    /** Batches are delivering. */
    SENDING,
    /** Stopped by ops or by itself (too many failures, a template that does not render); resume goes on. */
    PAUSED,
    /** Every row has its outcome. */
    FINISHED,
    /** Ended by ops: rows not yet tried are cancelled. */
    CANCELLED;

    /** The statuses in which rows may still go out. */
    public static final Set<SendStatus> RUNNING = EnumSet.of(PLANNED, SENDING);
    /** The statuses a send can still leave. */
    public static final Set<SendStatus> NOT_ENDED = EnumSet.of(PLANNED, SENDING, PAUSED);

    /** The stored and displayed text. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean running() {
        return RUNNING.contains(this);
    }

    public boolean ended() {
        return this == FINISHED || this == CANCELLED;
    }

    public static SendStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text();
    }
}
