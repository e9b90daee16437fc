package io.herald.common;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatingTaskTest {

    @Test
    void aFailedTurnGoesToTheHandlerAndTheNextTurnComesAsUsual() throws InterruptedException {
        AtomicInteger turns = new AtomicInteger();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(1);
        RepeatingTask task = RepeatingTask.start(
                "test-repeating",
                Duration.ofMillis(10),
                () -> {
                    threads.add(Thread.currentThread());
                    switch (turns.incrementAndGet()) {
                        case 1 -> throw new SQLException("database away");
                        case 2 -> throw new IllegalStateException("half-made state");
                        default -> third.countDown();
                    }
                },
                failures::add);
        try {
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            assertThat(task.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(failures).extracting(Exception::getMessage).containsExactly("database away", "half-made state");
        assertThat(failures.get(0)).isInstanceOf(SQLException.class);
        assertThat(threads).allSatisfy(t -> {
            assertThat(t.getName()).isEqualTo("test-repeating");
            assertThat(t.isDaemon()).isTrue();
        });
        threads.get(0).join(5_000);
        assertThat(threads.get(0).isAlive()).as("the thread ends once stopped").isFalse();
    }

    @Test
    void stopLetsTheTurnUnderWayEndAndStopNowInterruptsIt() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();
        RepeatingTask task = RepeatingTask.start(
                "test-long-turn",
                Duration.ofMillis(1),
                () -> {
                    running.countDown();
                    try {
                        release.await();
                        ended.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted");
                    }
                },
                e -> {});
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(task.stop(Duration.ofMillis(50)))
                .as("the turn is still waiting to be released")
                .isFalse();
        release.countDown();
        assertThat(task.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(ended.get()).isEqualTo(1);

        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RepeatingTask blocked = RepeatingTask.start(
                "test-blocked-turn",
                Duration.ofMillis(1),
                () -> {
                    second.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                },
                e -> {});
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        blocked.stopNow();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
