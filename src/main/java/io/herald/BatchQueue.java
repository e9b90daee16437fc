package io.herald;

import java.time.Instant;

/**
 * What a send needs from the scheduler: run a batch now or at a time, and say whether one is queued. schedule/
 * implements it with Quartz, so the run does not call up into the jobs that call it.
 */
public interface BatchQueue {

    void runBatchAt(long sendId, int seq, Instant when);

    /** Whether a job for this batch is waiting or running. */
    boolean hasJob(long sendId, int seq);

    default void runBatchesNow(long sendId, Iterable<Integer> batches) {
        for (int seq : batches) {
            runBatchAt(sendId, seq, Instant.now());
        }
    }
}
