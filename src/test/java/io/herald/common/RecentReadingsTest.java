package io.herald.common;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentReadingsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger reads = new AtomicInteger();
    private final RecentReadings<String, Integer> readings = new RecentReadings<>(SECOND, 20, 30 * SECOND, clock::get);

    /** A reading that takes {@code took} nanoseconds of the test's clock and returns how many readings there were. */
    private RecentReadings.Reading<Integer> taking(long took) {
        return () -> {
            clock.addAndGet(took);
            return reads.incrementAndGet();
        };
    }

    @Test
    void aQuickReadingIsKeptForTheFloorOnly() throws Exception {
        assertThat(readings.get("send 1", taking(SECOND / 100))).isEqualTo(1);
        clock.addAndGet(SECOND - 1);
        assertThat(readings.get("send 1", taking(SECOND / 100))).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(readings.get("send 1", taking(SECOND / 100))).isEqualTo(2);
        // Each key is kept apart.
        assertThat(readings.get("send 2", taking(SECOND / 100))).isEqualTo(3);
    }

    @Test
    void aSlowReadingIsKeptTwentyTimesAsLongAsItTook() throws Exception {
        // 0.8 s to read (a million rows): kept 16 s, measured from its end.
        assertThat(readings.get("send 1", taking(800_000_000L))).isEqualTo(1);
        clock.addAndGet(16 * SECOND - 1);
        assertThat(readings.get("send 1", taking(800_000_000L))).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(readings.get("send 1", taking(SECOND / 100))).isEqualTo(2);
        // That one was quick: the floor again.
        clock.addAndGet(SECOND);
        assertThat(readings.get("send 1", taking(SECOND / 100))).isEqualTo(3);
    }

    @Test
    void noReadingIsKeptPastTheCeiling() throws Exception {
        // 2 s to read (a slow moment of the database): kept 30 s, not 40.
        assertThat(readings.get("send 1", taking(2 * SECOND))).isEqualTo(1);
        clock.addAndGet(30 * SECOND - 1);
        assertThat(readings.get("send 1", taking(0))).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(readings.get("send 1", taking(0))).isEqualTo(2);
    }

    @Test
    void aForgottenKeyIsReadAgainAtOnce() throws Exception {
        assertThat(readings.get("send 1", taking(0))).isEqualTo(1);
        readings.forget("send 1");
        assertThat(readings.get("send 1", taking(0))).isEqualTo(2);
    }

    @Test
    void whileOneCallerReadsTheOthersGetTheLastReading() throws Exception {
        assertThat(readings.get("send 1", taking(0))).isEqualTo(1);
        clock.addAndGet(2 * SECOND);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = other.submit(() -> readings.get("send 1", () -> {
                inside.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return reads.incrementAndGet();
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            // The reading under way is not started a second time: the stale one comes back at once.
            assertThat(readings.get("send 1", taking(0))).isEqualTo(1);
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(readings.get("send 1", taking(0))).isEqualTo(2);
            assertThat(reads).hasValue(2);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void aFailedReadingLetsTheNextCallerRead() throws Exception {
        assertThat(readings.get("send 1", taking(0))).isEqualTo(1);
        clock.addAndGet(2 * SECOND);
        assertThatThrownBy(() -> readings.get("send 1", () -> {
                    throw new SQLException("the database is gone");
                }))
                .isInstanceOf(SQLException.class);
        assertThat(readings.get("send 1", taking(0))).isEqualTo(2);
    }
}
