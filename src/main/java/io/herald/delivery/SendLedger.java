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
 * failed_permanent | skipped. A row is claimed (with a token and a lease) before its SMTP transaction and marked
 * after it; rows whose lease ran out (the node died mid-send) go back to pending and are sent again.
 */
@ApplicationScoped
public class SendLedger {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED_TEMPORARY = "failed_temporary";
    public static final String FAILED_PERMANENT = "failed_permanent";
    public static final String SKIPPED = "skipped";
    public static final String DRY_RUN = "dry_run";

    private final DataSource dataSource;

    SendLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed ledger row with its recipient. */
    public record Claimed(long id, long subscriberId, String email, String name, int attempts) {
    }

    /** The send row: what it carries and to whom. */
    public record SendRow(long id, long editionId, String listId, boolean dryRun, String status) {
    }

    public Optional<SendRow> send(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, edition_id, list_id, dry_run, status FROM send WHERE id = ?")) {
            ps.setLong(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SendRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    /** Sends that are not finished, for recovery after a restart. */
    public List<Long> unfinishedSends() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM send WHERE status <> 'finished' ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** Puts rows whose lease expired back to pending: the worker that held them is gone. */
    public int releaseExpired(long sendId, Instant now) throws SQLException {
        return update("UPDATE delivery SET state='pending', claim=NULL, lease_until=NULL, updated_at=? "
                + "WHERE send_id=? AND state='sending' AND lease_until < ?", ps -> {
                    ps.setObject(1, Jdbc.ts(now));
                    ps.setLong(2, sendId);
                    ps.setObject(3, Jdbc.ts(now));
                });
    }

    /** Claims up to {@code max} due pending rows for this worker and returns them. */
    public List<Claimed> claim(long sendId, String token, Instant now, Instant leaseUntil, int max)
            throws SQLException {
        update("UPDATE delivery SET state='sending', claim=?, lease_until=?, attempts=attempts+1, updated_at=? "
                + "WHERE state='pending' AND id IN (SELECT id FROM delivery WHERE send_id=? AND state='pending' "
                + "AND next_attempt <= ? ORDER BY id FETCH FIRST " + max + " ROWS ONLY)", ps -> {
                    ps.setString(1, token);
                    ps.setObject(2, Jdbc.ts(leaseUntil));
                    ps.setObject(3, Jdbc.ts(now));
                    ps.setLong(4, sendId);
                    ps.setObject(5, Jdbc.ts(now));
                });
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.id, d.subscriber_id, s.email, s.name, d.attempts "
                        + "FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                        + "WHERE d.claim = ? AND d.state = 'sending' ORDER BY d.id")) {
            ps.setString(1, token);
            List<Claimed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
            return rows;
        }
    }

    /** Marks a claimed row final (sent, failed_permanent, failed_temporary, skipped). */
    public void finish(Claimed row, String token, String state, String reply, String messageId, Instant now)
            throws SQLException {
        update("UPDATE delivery SET state=?, last_reply=?, message_id=?, claim=NULL, lease_until=NULL, updated_at=? "
                + "WHERE id=? AND claim=?", ps -> {
                    ps.setString(1, state);
                    ps.setString(2, truncate(reply));
                    ps.setString(3, messageId);
                    ps.setObject(4, Jdbc.ts(now));
                    ps.setLong(5, row.id());
                    ps.setString(6, token);
                });
    }

    /** Returns a claimed row to pending, to be tried again at {@code next}. */
    public void retryLater(Claimed row, String token, String reply, Instant next, Instant now) throws SQLException {
        update("UPDATE delivery SET state='pending', last_reply=?, next_attempt=?, claim=NULL, lease_until=NULL, "
                + "updated_at=? WHERE id=? AND claim=?", ps -> {
                    ps.setString(1, truncate(reply));
                    ps.setObject(2, Jdbc.ts(next));
                    ps.setObject(3, Jdbc.ts(now));
                    ps.setLong(4, row.id());
                    ps.setString(5, token);
                });
    }

    /** A dry run ends every pending row as dry_run: rendered, never sent. */
    public void markDryRun(long sendId, Instant now) throws SQLException {
        update("UPDATE delivery SET state='dry_run', updated_at=? WHERE send_id=? AND state='pending'", ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, sendId);
        });
    }

    /** The earliest retry time of the send's pending rows, if any are pending. */
    public Optional<Instant> nextAttempt(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt) FROM delivery WHERE send_id=? "
                        + "AND state='pending'")) {
            ps.setLong(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
            }
        }
    }

    public Map<String, Long> counts(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, COUNT(*) FROM delivery WHERE send_id=? GROUP BY state")) {
            ps.setLong(1, sendId);
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    public void markStatus(long sendId, String status, Instant finishedAt) throws SQLException {
        update("UPDATE send SET status=?, finished_at=? WHERE id=?", ps -> {
            ps.setString(1, status);
            ps.setObject(2, Jdbc.ts(finishedAt));
            ps.setLong(3, sendId);
        });
    }

    public Optional<DeliveryReport> report(long sendId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, list_id, edition_id, dry_run, status, started_by, "
                        + "created_at, finished_at FROM send WHERE id=?")) {
            ps.setLong(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Long> n = counts(sendId);
                long total = n.values().stream().mapToLong(Long::longValue).sum();
                OffsetDateTime finished = rs.getObject(8, OffsetDateTime.class);
                return Optional.of(new DeliveryReport(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                        finished == null ? null : finished.toInstant(), total, n.getOrDefault(PENDING, 0L),
                        n.getOrDefault(SENDING, 0L), n.getOrDefault(SENT, 0L),
                        n.getOrDefault(FAILED_TEMPORARY, 0L) + n.getOrDefault(FAILED_PERMANENT, 0L),
                        n.getOrDefault(SKIPPED, 0L)));
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    private static String truncate(String reply) {
        return reply == null || reply.length() <= 1000 ? reply : reply.substring(0, 1000);
    }
}
