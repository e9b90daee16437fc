package io.herald.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.herald.Distribution;

/** Runs a send's batches from the test, as their Quartz jobs do when they fire: for tests that move the clock. */
public final class SendBatches {

    private SendBatches() {}

    /** Runs every batch of the send once, in order. */
    public static void runAll(DataSource dataSource, Distribution distribution, long send) throws Exception {
        List<Integer> batches = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT seq FROM send_batch WHERE send_id = ? ORDER BY seq")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(rs.getInt(1));
                }
            }
        }
        for (int seq : batches) {
            distribution.deliverBatch(send, seq);
        }
    }
}
