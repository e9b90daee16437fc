package io.herald.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.herald.BatchQueue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A batch run hands out the send's next batches in the ledger and then queues them; when the queue refuses one (its
 * tables in the database that just went away), the failure names every batch not queued, so that the failed run's
 * job queues them again with itself instead of leaving them to the send watchdog (DatabaseLossIT saw one wait 48 s).
 */
class HandedOutBatchesTest {

    /** A queue that takes batches until it meets the one it refuses, as Quartz does when its tables go away. */
    static final class RefusingQueue implements BatchQueue {
        final List<Integer> queued = new ArrayList<>();
        final int refused;

        RefusingQueue(int refused) {
            this.refused = refused;
        }

        @Override
        public void runBatchAt(long sendId, int seq, Instant when) {
            if (seq == refused) {
                throw new IllegalStateException("Cannot schedule batch " + seq + " of send " + sendId);
            }
            queued.add(seq);
        }

        @Override
        public boolean hasJob(long sendId, int seq) {
            return queued.contains(seq);
        }
    }

    @Test
    void theBatchesTheQueueDidNotTakeAreNamedWithTheFirstFailure() {
        RefusingQueue queue = new RefusingQueue(8);

        BatchQueue.NotQueued refused =
                catchThrowableOfType(BatchQueue.NotQueued.class, () -> queue.runBatchesNow(3, List.of(7, 8, 9)));

        assertThat(queue.queued).containsExactly(7);
        assertThat(refused.sendId()).isEqualTo(3);
        assertThat(refused.batches()).containsExactly(8, 9);
        assertThat(refused).hasMessage("Cannot schedule batch 8 of send 3");
    }

    @Test
    void aFailedRunFindsTheRefusedBatchesAmongItsCauses() {
        RefusingQueue queue = new RefusingQueue(4);
        RuntimeException run = new RuntimeException(
                "batch run failed",
                catchThrowableOfType(BatchQueue.NotQueued.class, () -> queue.runBatchesNow(5, List.of(4))));

        assertThat(BatchJob.notQueued(run))
                .hasValueSatisfying(n -> assertThat(n.batches()).containsExactly(4));
        assertThat(BatchJob.notQueued(new RuntimeException("another failure"))).isEmpty();
    }

    @Test
    void batchesTheQueueTakesAllGoIn() {
        RefusingQueue queue = new RefusingQueue(-1);

        queue.runBatchesNow(5, List.of(1, 2, 3));

        assertThat(queue.queued).containsExactly(1, 2, 3);
    }
}
