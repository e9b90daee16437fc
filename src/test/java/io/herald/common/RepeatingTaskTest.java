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

    /** A turn that says it runs, then waits until released (counted as ended) or interrupted (counted as such). */
    private static final class HeldTurn implements RepeatingTask.Turn {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void run() {
            running.countDown();
            try {
                release.await();
                ended.incrementAndGet();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }

        RepeatingTask start(String name) throws InterruptedException {
            RepeatingTask task = RepeatingTask.start(name, Duration.ofMillis(1), this, e -> {});
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            return task;
        }
    }

    @Test
    void stopLetsTheTurnUnderWayEnd() throws InterruptedException {
        HeldTurn turn = new HeldTurn();
        RepeatingTask task = turn.start("test-long-turn");
        assertThat(task.stop(Duration.ofMillis(50)))
                .as("the turn is still waiting to be released")
                .isFalse();
        turn.release.countDown();
        assertThat(task.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(turn.ended.get()).isEqualTo(1);
        assertThat(turn.interrupted.getCount()).as("stop does not interrupt").isEqualTo(1);
    }

    @Test
    void stopNowInterruptsTheTurnUnderWay() throws InterruptedException {
        HeldTurn turn = new HeldTurn();
        turn.start("test-blocked-turn").stopNow();
        assertThat(turn.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(turn.ended.get()).isZero();
    }
}
