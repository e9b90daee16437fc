package io.herald.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves forward, installed over Herald's produced Clock with QuarkusMock. */
public final class MovableClock extends Clock {

    private volatile Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    /**
     * A clock at this day and time of next year (UTC), installed over Herald's produced Clock for the running test.
     * Next year: later than the machine's clock, so Quartz triggers set for the moments the test moves to never fire
     * by themselves during the test.
     */
    public static MovableClock installNextYear(int month, int day, int hour, int minute) {
        MovableClock clock = new MovableClock(
                java.time.LocalDate.of(java.time.LocalDate.now(ZoneOffset.UTC).getYear() + 1, month, day)
                        .atTime(hour, minute)
                        .toInstant(ZoneOffset.UTC));
        io.quarkus.test.junit.QuarkusMock.installMockForType(clock, Clock.class);
        return clock;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}
