package io.herald.common;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A piece of work a node repeats on a thread of its own, with a fixed pause between the end of one turn and the next
 * (the terminal's progress line, the click counts' flush). The thread is a daemon, so it never keeps a stopping node
 * alive. A turn that fails is handed to the caller's handler and the next turn comes as usual: an executor would end
 * the schedule at the first exception, silently. Work that must run on every node of a cluster at most once a time
 * belongs to Quartz instead ({@code io.herald.schedule}).
 */
public final class RepeatingTask {

    /** One turn of the work. */
    @FunctionalInterface
    public interface Turn {
        void run() throws SQLException;
    }

    private final ScheduledExecutorService thread;

    private RepeatingTask(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /**
     * Starts the work on a daemon thread named {@code name}: the first turn {@code every} from now, each next one
     * {@code every} after the last one ended. A turn's {@link SQLException} or {@link RuntimeException} goes to
     * {@code failed}, on that thread.
     */
    public static RepeatingTask start(String name, Duration every, Turn turn, Consumer<Exception> failed) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        turn.run();
                    } catch (SQLException | RuntimeException e) {
                        failed.accept(e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        return new RepeatingTask(thread);
    }

    /** Stops at once: a turn under way is interrupted, none follows. */
    public void stopNow() {
        thread.shutdownNow();
    }

    /** Lets a turn under way end, up to {@code wait}, and starts no other; false if the turn was still running. */
    public boolean stop(Duration wait) {
        thread.shutdown();
        try {
            return thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
