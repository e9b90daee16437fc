package io.herald;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a send needs from the scheduler: run a batch now or at a time, and say whether one is queued. schedule/
 * implements it with Quartz, so the run does not call up into the jobs that call it.
 */
public interface BatchQueue {

    void runBatchAt(long sendId, int seq, Instant when);

    /** Whether a job for this batch is waiting or running. */
    boolean hasJob(long sendId, int seq);

    /**
     * Queues each batch to run now. The batches were handed out in the ledger before they come here, so one the queue
     * cannot take would wait for the send watchdog: the failure says which were not queued ({@link NotQueued}), and
     * the caller queues them again as it does its own run.
     */
    default void runBatchesNow(long sendId, Iterable<Integer> batches) {
        List<Integer> seqs = new ArrayList<>();
        batches.forEach(seqs::add);
        for (int i = 0; i < seqs.size(); i++) {
            try {
                runBatchAt(sendId, seqs.get(i), Instant.now());
            } catch (RuntimeException e) {
                throw new NotQueued(sendId, List.copyOf(seqs.subList(i, seqs.size())), e);
            }
        }
    }

    /** Batches of a send handed out in the ledger that the queue could not take (the first failure is the cause). */
    final class NotQueued extends RuntimeException {

        private final long sendId;
        private final List<Integer> batches;

        NotQueued(long sendId, List<Integer> batches, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.sendId = sendId;
            this.batches = batches;
        }

        public long sendId() {
            return sendId;
        }

        public List<Integer> batches() {
            return batches;
        }
    }
}
