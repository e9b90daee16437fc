package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The delivery ledger: one row per (send, subscriber), moved pending -> sending -> sent | failed_temporary |
 * failed_permanent | skipped | cancelled. A row is claimed (with a token and a lease) before its SMTP transaction and
 * marked after it; rows whose lease ran out (the node died mid-send) go back to pending and are sent again.
 */
@ApplicationScoped
public class SendLedger {


    private final DataSource dataSource;

    SendLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed ledger row with its recipient and what stands between them and the message now. */
    public record Claimed(long id, String claim, long subscriberId, String email, String name, int attempts,
            String membership, String suppression) {
    }

    /** The send row: what it carries, to whom, and where it stands. */
    public record SendRow(long id, long editionId, String listId, boolean dryRun, SendStatus status, int batchCount) {
        public boolean running() {
            return status.running();
        }
    }

    /** A batch: ledger rows first..last of one send. */
    public record Batch(long sendId, int seq, long firstId, long lastId) {
    }

    /**
     * A row's outcome, waiting to be written with others in one round trip. {@code untried} gives back the attempt
     * its claim counted (a row released unsent because the send was paused).
     */
    public record Outcome(Claimed row, DeliveryState state, String reply, String messageId, Instant nextAttempt,
            boolean untried) {
        public Outcome(Claimed row, DeliveryState state, String reply, String messageId, Instant nextAttempt) {
            this(row, state, reply, messageId, nextAttempt, false);
        }
    }

    public Optional<SendRow> send(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, edition_id, list_id, dry_run, status, batch_count FROM send WHERE id = ?")) {
            ps.setLong(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SendRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBoolean(4), SendStatus.of(rs.getString(5)), rs.getInt(6))) : Optional.empty();
            }
        }
    }

    public Optional<SendStatus> status(long sendId) throws SQLException {
        return send(sendId).map(SendRow::status);
    }

    /** Sends still to be worked on (not finished, paused or cancelled), for recovery. */
    public List<Long> runningSends() throws SQLException {
        return longs("SELECT id FROM send WHERE status IN ('planned', 'sending') ORDER BY id", ps -> {
        });
    }

    public Optional<Batch> batch(long sendId, int seq) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT first_id, last_id FROM send_batch WHERE send_id=? AND seq=?")) {
            ps.setLong(1, sendId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Batch(sendId, seq, rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** The batches already handed to Quartz that still hold pending or sending rows. */
    public List<Integer> openBatches(long sendId) throws SQLException {
        List<Integer> seqs = new ArrayList<>();
        for (long seq : longs("SELECT b.seq FROM send_batch b JOIN send s ON s.id = b.send_id WHERE b.send_id=? "
                + "AND b.seq < s.next_batch AND (" + openRowIn("pending") + " OR " + openRowIn("sending")
                + ") ORDER BY b.seq", ps -> ps.setLong(1, sendId))) {
            seqs.add((int) seq);
        }
        return seqs;
    }

    // One state per lookup: with "state IN (...)" H2 uses only the send_id prefix of (send_id, state, id) and reads
    // every row of the send, which made each batch's end cost a scan of the whole ledger (a quarter of the CPU of a
    // 100,000-recipient send). An equality on state makes it a range read of the batch's rows.
    private static String openRowIn(String state) {
        return "EXISTS (SELECT 1 FROM delivery d WHERE d.send_id=b.send_id AND d.state='" + state
                + "' AND d.id BETWEEN b.first_id AND b.last_id)";
    }

    /**
     * Hands out up to {@code n} batches not handed out yet; returns their numbers. Safe when nodes race: each batch
     * number is taken by one compare-and-set on send.next_batch.
     */
    public List<Integer> handOut(long sendId, int n) throws SQLException {
        List<Integer> taken = new ArrayList<>();
        while (taken.size() < n) {
            int next;
            int count;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT next_batch, batch_count FROM send WHERE id=?")) {
                ps.setLong(1, sendId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    next = rs.getInt(1);
                    count = rs.getInt(2);
                }
            }
            if (next >= count) {
                break;
            }
            int give = Math.min(n - taken.size(), count - next);
            int from = next;
            if (update("UPDATE send SET next_batch=? WHERE id=? AND next_batch=?", ps -> {
                ps.setInt(1, from + give);
                ps.setLong(2, sendId);
                ps.setInt(3, from);
            }) == 1) {
                for (int i = 0; i < give; i++) {
                    taken.add(from + i);
                }
            }
        }
        return taken;
    }

    /** Puts rows whose lease expired back to pending: the worker that held them is gone. */
    public int releaseExpired(Batch batch, Instant now) throws SQLException {
        return update("UPDATE delivery SET state='pending', claim=NULL, lease_until=NULL, updated_at=? "
                + "WHERE send_id=? AND id BETWEEN ? AND ? AND state='sending' AND lease_until < ?", ps -> {
                    ps.setObject(1, Jdbc.ts(now));
                    ps.setLong(2, batch.sendId());
                    ps.setLong(3, batch.firstId());
                    ps.setLong(4, batch.lastId());
                    ps.setObject(5, Jdbc.ts(now));
                });
    }

    /** Claims up to {@code max} due pending rows of the batch under a token used for this claim only. */
    public List<Claimed> claim(Batch batch, String listId, String token, Instant now, Instant leaseUntil, int max)
            throws SQLException {
        // The first due rows in id order, then the id range they span: a primary-key range update, which both H2
        // and PostgreSQL run without scanning (an UPDATE ... WHERE id IN (subquery) made H2 scan the table).
        List<Long> due = longs("SELECT id FROM delivery WHERE send_id=? AND id BETWEEN ? AND ? AND state='pending' "
                + "AND next_attempt <= ? ORDER BY id FETCH FIRST " + max + " ROWS ONLY", ps -> {
                    ps.setLong(1, batch.sendId());
                    ps.setLong(2, batch.firstId());
                    ps.setLong(3, batch.lastId());
                    ps.setObject(4, Jdbc.ts(now));
                });
        if (due.isEmpty()) {
            return List.of();
        }
        update("UPDATE delivery SET state='sending', claim=?, lease_until=?, attempts=attempts+1, updated_at=? "
                + "WHERE send_id=? AND id BETWEEN ? AND ? AND state='pending' AND next_attempt <= ?", ps -> {
                    ps.setString(1, token);
                    ps.setObject(2, Jdbc.ts(leaseUntil));
                    ps.setObject(3, Jdbc.ts(now));
                    ps.setLong(4, batch.sendId());
                    ps.setLong(5, due.get(0));
                    ps.setLong(6, due.get(due.size() - 1));
                    ps.setObject(7, Jdbc.ts(now));
                });
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.id, d.subscriber_id, s.email, s.name, d.attempts, "
                        + "m.state, sp.reason FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                        + "LEFT JOIN membership m ON m.list_id = ? AND m.subscriber_id = d.subscriber_id "
                        + "LEFT JOIN suppression sp ON sp.email = s.email "
                        + "WHERE d.id BETWEEN ? AND ? AND d.claim = ? ORDER BY d.id")) {
            // The claimed rows lie in the id range just updated: a primary-key range read, so the claim column
            // needs no index of its own (one less index to update twice for every message).
            ps.setString(1, listId);
            ps.setLong(2, due.get(0));
            ps.setLong(3, due.get(due.size() - 1));
            ps.setString(4, token);
            List<Claimed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Claimed(rs.getLong(1), token, rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getString(7)));
                }
            }
            return rows;
        }
    }

    /** Writes outcomes of claimed rows in one round trip; a row whose claim was lost to another worker is left. */
    public void write(List<Outcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state=?, last_reply=?, message_id=?, "
                        + "next_attempt=COALESCE(?, next_attempt), attempts=attempts-?, claim=NULL, lease_until=NULL, "
                        + "updated_at=? WHERE id=? AND claim=?")) {
            for (Outcome o : outcomes) {
                ps.setString(1, o.state().text());
                ps.setString(2, truncate(o.reply()));
                ps.setString(3, o.messageId());
                ps.setObject(4, Jdbc.ts(o.nextAttempt()));
                ps.setInt(5, o.untried() ? 1 : 0);
                ps.setObject(6, Jdbc.ts(now));
                ps.setLong(7, o.row().id());
                ps.setString(8, o.row().claim());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A dry run ends every pending row as dry_run: rendered, never sent. */
    public void markDryRun(long sendId, Instant now) throws SQLException {
        update("UPDATE delivery SET state='dry_run', updated_at=? WHERE send_id=? AND state='pending'", ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, sendId);
        });
    }

    /** Cancels what has not been tried yet; rows in flight finish and are recorded as they end. */
    public int cancelPending(long sendId, Instant now) throws SQLException {
        return update("UPDATE delivery SET state='cancelled', updated_at=? WHERE send_id=? AND state='pending'", ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, sendId);
        });
    }

    /** The earliest time a row of this batch is due, if any is pending; a row in flight counts at its lease's end. */
    public Optional<Instant> nextDue(Batch batch) throws SQLException {
        Instant pending = earliest(batch, "next_attempt", "pending");
        Instant sending = earliest(batch, "lease_until", "sending");
        return Optional.ofNullable(pending == null ? sending : sending == null || pending.isBefore(sending) ? pending
                : sending);
    }

    private Instant earliest(Batch batch, String column, String state) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(" + column + ") FROM delivery WHERE send_id=? "
                        + "AND state=? AND id BETWEEN ? AND ?")) {
            ps.setLong(1, batch.sendId());
            ps.setString(2, state);
            ps.setLong(3, batch.firstId());
            ps.setLong(4, batch.lastId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** Whether every batch of the send has been handed to Quartz. */
    public boolean allHandedOut(long sendId) throws SQLException {
        return longs("SELECT COUNT(*) FROM send WHERE id=? AND next_batch >= batch_count", ps -> ps.setLong(1, sendId))
                .get(0) == 1;
    }

    /** Rows of the send still pending or in flight. */
    public long openRows(long sendId) throws SQLException {
        long open = 0;
        for (DeliveryState state : List.of(DeliveryState.PENDING, DeliveryState.SENDING)) {
            open += longs("SELECT COUNT(*) FROM delivery WHERE send_id=? AND state=?", ps -> {
                ps.setLong(1, sendId);
                ps.setString(2, state.text());
            }).get(0);
        }
        return open;
    }

    public Map<DeliveryState, Long> counts(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, COUNT(*) FROM delivery WHERE send_id=? GROUP BY state")) {
            ps.setLong(1, sendId);
            Map<DeliveryState, Long> counts = new java.util.EnumMap<>(DeliveryState.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(DeliveryState.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    /** Moves a send from one of the given statuses to another; false when it was in none of them. */
    /** Says, on a running send, why it is waiting (null: it no longer is, if that was the reason given). */
    public void waiting(long sendId, String reason) throws SQLException {
        if (reason != null) {
            update("UPDATE send SET status_reason=? WHERE id=? AND status='sending'", ps -> {
                ps.setString(1, truncate(reason));
                ps.setLong(2, sendId);
            });
        } else {
            update("UPDATE send SET status_reason=NULL WHERE id=? AND status='sending' AND status_reason LIKE ?", ps -> {
                ps.setLong(1, sendId);
                ps.setString(2, WAITING_FOR_RELAY + "%");
            });
        }
    }

    /** How a running send's reason starts while no connection to the relay can be opened. */
    public static final String WAITING_FOR_RELAY = "waiting for the relay: ";

    public boolean transition(long sendId, java.util.Set<SendStatus> from, SendStatus to, String reason, Instant now)
            throws SQLException {
        String in = String.join(",", from.stream().map(s -> "'" + s.text() + "'").toList());
        return update("UPDATE send SET status=?, status_reason=?, "
                + "started_at=CASE WHEN ?='sending' AND started_at IS NULL THEN ? ELSE started_at END, "
                + "finished_at=CASE WHEN ? IN ('finished','cancelled') THEN ? ELSE finished_at END "
                + "WHERE id=? AND status IN (" + in + ")", ps -> {
                    ps.setString(1, to.text());
                    ps.setString(2, reason);
                    ps.setString(3, to.text());
                    ps.setObject(4, Jdbc.ts(now));
                    ps.setString(5, to.text());
                    ps.setObject(6, Jdbc.ts(now));
                    ps.setLong(7, sendId);
                }) == 1;
    }

    private final java.util.Map<Long, long[]> countedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, Map<DeliveryState, Long>> counted = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The counts of a running send as of at most a second ago: counting a million rows per state takes a while, and
     * progress pages, the event stream and the console line all ask every second or two.
     */
    private Map<DeliveryState, Long> recentCounts(long sendId, boolean finished) throws SQLException {
        long now = System.nanoTime();
        long[] at = countedAt.get(sendId);
        Map<DeliveryState, Long> counts = counted.get(sendId);
        if (finished || counts == null || at == null || now - at[0] > 1_000_000_000L) {
            counts = counts(sendId);
            if (counted.size() > 100) {
                counted.clear();
                countedAt.clear();
            }
            counted.put(sendId, counts);
            countedAt.put(sendId, new long[] { now });
        }
        return counts;
    }

    public Optional<DeliveryReport> report(long sendId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, list_id, edition_id, dry_run, status, started_by, "
                        + "created_at, started_at, finished_at, status_reason FROM send WHERE id=?")) {
            ps.setLong(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SendStatus status = SendStatus.of(rs.getString(5));
                return Optional.of(DeliveryReport.of(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                        status, rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10),
                        recentCounts(sendId, status.ended()), now));
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    private List<Long> longs(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Long> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getLong(1));
                }
            }
            return result;
        }
    }

    private static String truncate(String reply) {
        return reply == null || reply.length() <= 1000 ? reply : reply.substring(0, 1000);
    }
}
