package io.herald.delivery;

import java.time.Duration;

/**
 * At most {@code limit} events in any window of the given length: a ring of the last {@code limit} event times. An
 * event may happen when the one {@code limit} events ago is older than the window. Exact, and O(limit) memory.
 */
final class SlidingWindowLimiter {

    private final long[] times;
    private final long windowNanos;
    private int next;

    SlidingWindowLimiter(int limit, Duration window) {
        this.times = new long[limit];
        this.windowNanos = window.toNanos();
        java.util.Arrays.fill(times, Long.MIN_VALUE);
    }

    /** Nanoseconds to wait before the next event may happen at {@code now}; 0 when it may happen now. */
    synchronized long waitNanos(long now) {
        long oldest = times[next];
        if (oldest == Long.MIN_VALUE) {
            return 0;
        }
        long free = oldest + windowNanos - now;
        return Math.max(0, free);
    }

    /** Records an event at {@code now}. */
    synchronized void record(long now) {
        times[next] = now;
        next = (next + 1) % times.length;
    }

    /** Takes a slot if one is free now, without waiting. */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        if (waitNanos(now) > 0) {
            return false;
        }
        record(now);
        return true;
    }

    /** Takes a slot, waiting as long as the window requires. */
    void acquire() throws InterruptedException {
        while (true) {
            synchronized (this) {
                long now = System.nanoTime();
                long wait = waitNanos(now);
                if (wait == 0) {
                    record(now);
                    return;
                }
                long millis = wait / 1_000_000;
                this.wait(Math.max(1, millis), (int) Math.min(999_999, wait % 1_000_000));
            }
        }
    }
}
