package io.herald.delivery;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ledger's side of a subject test: which rows try which subject, when the test ends, and the winner once chosen.
 * At planning every pending row waits until the test's end; a random sample of exactly the asked share (chosen in
 * one pass over the rows, Knuth's selection sampling, so no row is held in memory) is due now, each sampled row given
 * one of the subjects so that each subject has an equal part. The rest go out with the winner: one email each.
 */
@ApplicationScoped
public class SubjectVariants {

    /** A send's subject test as the ledger keeps it; {@code winner} is 0 until chosen. */
    public record Test(List<String> subjects, int sharePercent, Instant until, int winner, String decision) {

        public boolean decided() {
            return winner > 0;
        }

        /** The subject of variant v (1-based); the winner's for rows outside the test. */
        public String subject(int variant) {
            return subjects.get((variant > 0 ? variant : winner) - 1);
        }
    }

    /** A variant's rows: how many readers it went to, and how many of them it reached so far. */
    public record Reach(int variant, long readers, long delivered) {}

    private final DataSource dataSource;
    private final Random random;

    SubjectVariants(DataSource dataSource) {
        this.dataSource = dataSource;
        this.random = new SecureRandom();
    }

    /** Sets up the test inside the plan's transaction, after the rows were inserted. */
    void sample(Connection c, long sendId, SubjectTest test, Instant now) throws SQLException {
        Instant until = now.plus(test.duration());
        try (PreparedStatement ps = c.prepareStatement(DeliveryQueries.INSERT_SUBJECT_VARIANT)) {
            for (int v = 1; v <= test.subjects().size(); v++) {
                ps.setLong(1, sendId);
                ps.setInt(2, v);
                ps.setString(3, test.subjects().get(v - 1));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(DeliveryQueries.SET_SUBJECT_TEST)) {
            ps.setInt(1, test.sharePercent());
            ps.setObject(2, Jdbc.ts(until));
            ps.setLong(3, sendId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(DeliveryQueries.HOLD_FOR_WINNER)) {
            ps.setObject(1, Jdbc.ts(until));
            ps.setLong(2, sendId);
            ps.executeUpdate();
        }
        long rows;
        try (PreparedStatement ps = c.prepareStatement(DeliveryQueries.COUNT_IN_STATE)) {
            ps.setLong(1, sendId);
            ps.setString(2, DeliveryState.PENDING.text());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
            }
        }
        int variants = test.subjects().size();
        long wanted = Math.min(rows, Math.max(variants, Math.round(rows * test.sharePercent() / 100.0)));
        long[] quota = new long[variants];
        for (int v = 0; v < variants; v++) {
            quota[v] = wanted / variants + (v < wanted % variants ? 1 : 0);
        }
        long seen = 0;
        long chosen = 0;
        try (PreparedStatement read = c.prepareStatement(DeliveryQueries.PENDING_IDS);
                PreparedStatement mark = c.prepareStatement(DeliveryQueries.INTO_VARIANT)) {
            read.setLong(1, sendId);
            read.setFetchSize(1000);
            int batched = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next() && chosen < wanted) {
                    // Selection sampling: row i is taken with probability (still wanted) / (still unseen).
                    if (random.nextDouble() * (rows - seen) < wanted - chosen) {
                        mark.setInt(1, 1 + pick(quota, wanted - chosen));
                        mark.setObject(2, Jdbc.ts(now));
                        mark.setLong(3, rs.getLong(1));
                        mark.addBatch();
                        chosen++;
                        if (++batched == 1000) {
                            mark.executeBatch();
                            batched = 0;
                        }
                    }
                    seen++;
                }
            }
            mark.executeBatch();
        }
    }

    /** A variant drawn in proportion to what each still needs (so each ends with its quota), its quota counted down. */
    private int pick(long[] quota, long left) {
        long r = (long) (random.nextDouble() * left);
        for (int v = 0; v < quota.length; v++) {
            if (r < quota[v]) {
                quota[v]--;
                return v;
            }
            r -= quota[v];
        }
        throw new IllegalStateException("quotas exhausted");
    }

    /** The send's subject test, if it has one. */
    public Optional<Test> test(long sendId) throws SQLException {
        List<String> subjects = Sql.query(
                dataSource, DeliveryQueries.SUBJECT_VARIANTS, ps -> ps.setLong(1, sendId), rs -> rs.getString(1));
        if (subjects.isEmpty()) {
            return Optional.empty();
        }
        return Sql.first(
                dataSource,
                DeliveryQueries.SUBJECT_TEST,
                ps -> ps.setLong(1, sendId),
                rs -> new Test(subjects, rs.getInt(1), Sql.instant(rs, 2), rs.getInt(3), rs.getString(4)));
    }

    /** Readers and deliveries per variant (0: outside the test). */
    public Map<Integer, Reach> reach(long sendId) throws SQLException {
        Map<Integer, Reach> reach = new LinkedHashMap<>();
        for (Reach r : Sql.query(
                dataSource,
                DeliveryQueries.VARIANT_REACH,
                ps -> ps.setLong(1, sendId),
                rs -> new Reach(rs.getInt(1), rs.getLong(2), rs.getLong(3)))) {
            reach.put(r.variant(), r);
        }
        return reach;
    }

    /**
     * Records the winner unless one already is (nodes deciding at the same moment: the first write stands). Returns
     * the test as it now stands.
     */
    public Test decide(long sendId, int winner, String decision) throws SQLException {
        Sql.update(dataSource, DeliveryQueries.DECIDE_SUBJECT_TEST, ps -> {
            ps.setInt(1, winner);
            ps.setString(2, DeliveryRows.truncate(decision));
            ps.setLong(3, sendId);
        });
        return test(sendId).orElseThrow();
    }
}
