package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import static io.herald.delivery.DeliveryQueries.BATCH_LEASE;
import static io.herald.delivery.DeliveryQueries.CANCEL_PENDING;
import static io.herald.delivery.DeliveryQueries.CLAIMED;
import static io.herald.delivery.DeliveryQueries.COUNT_BY_STATE;
import static io.herald.delivery.DeliveryQueries.COUNT_IN_STATE;
import static io.herald.delivery.DeliveryQueries.DUE_ROWS;
import static io.herald.delivery.DeliveryQueries.EARLIEST;
import static io.herald.delivery.DeliveryQueries.FORGET_SUBSCRIBER;
import static io.herald.delivery.DeliveryQueries.IN_FLIGHT;
import static io.herald.delivery.DeliveryQueries.LEASE_BATCH;
import static io.herald.delivery.DeliveryQueries.MARK_DRY_RUN;
import static io.herald.delivery.DeliveryQueries.OUTCOME;
import static io.herald.delivery.DeliveryQueries.OUTCOMES;
import static io.herald.delivery.DeliveryQueries.RELEASE_BATCH;

/**
 * The ledger rows, one per (send, reader), moved from pending to sent | failed_temporary | failed_permanent | skipped |
 * cancelled, and the leases on their batches. A worker leases a batch (send_batch.claim, renewed at every claim of
 * its rows) and sends its due rows; each row is written once, with its outcome. A batch whose lease ran out (the node
 * died mid-send) is taken over by the next worker, which sends its rows still pending again. Rows in flight are
 * pending in the table; the reports count the rows of the current claims as "sending" (send_batch.claimed_rows).
 */
@ApplicationScoped
public class DeliveryRows {

    /** A claimed row with its reader and what stands between them and the message now. */
    public record Claimed(
            long id,
            String claim,
            long subscriberId,
            String email,
            String name,
            int attempts,
            String membership,
            String suppression,
            int variant) {}

    /**
     * A row's outcome, waiting to be written with others in one round trip. {@code untried} gives back the attempt
     * its claim counted (a row released unsent because the send was paused).
     */
    public record Outcome(
            Claimed row, DeliveryState state, String reply, String messageId, Instant nextAttempt, boolean untried) {
        public Outcome(Claimed row, DeliveryState state, String reply, String messageId, Instant nextAttempt) {
            this(row, state, reply, messageId, nextAttempt, false);
        }
    }

    private final DataSource dataSource;

    DeliveryRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Frees the send's batches an earlier run of this node held and never gave back (it crashed): nobody else can be
     * sending them, so their rows go out again now instead of at the lease's end. Returns the batches freed.
     */
    public int releaseEarlierRuns(long sendId, ClaimOwner owner) throws SQLException {
        return Sql.update(dataSource, DeliveryQueries.RELEASE_EARLIER_RUNS, ps -> {
            ps.setLong(1, sendId);
            ps.setString(2, owner.anyRunOfThisNode());
            ps.setString(3, owner.thisRun());
        });
    }

    /**
     * Takes the batch's lease for {@code token}, or renews it; false when another worker holds it and its lease has
     * not run out.
     */
    public boolean lease(SendLedger.Batch batch, String token, Instant now, Instant leaseUntil, int claimedRows)
            throws SQLException {
        return Sql.update(dataSource, LEASE_BATCH, ps -> {
                    ps.setString(1, token);
                    ps.setObject(2, Jdbc.ts(leaseUntil));
                    ps.setInt(3, claimedRows);
                    ps.setLong(4, batch.sendId());
                    ps.setInt(5, batch.seq());
                    ps.setString(6, token);
                    ps.setObject(7, Jdbc.ts(now));
                })
                == 1;
    }

    /** When the lease another worker holds on the batch ends (empty: nobody holds it). */
    public Optional<Instant> leaseEnd(SendLedger.Batch batch) throws SQLException {
        return Sql.first(
                        dataSource,
                        BATCH_LEASE,
                        ps -> {
                            ps.setLong(1, batch.sendId());
                            ps.setInt(2, batch.seq());
                        },
                        rs -> rs.getString(1) == null ? null : Sql.instant(rs, 2))
                .filter(java.util.Objects::nonNull);
    }

    /** Gives the batch's lease back (nothing when another worker took it over meanwhile). */
    public void release(SendLedger.Batch batch, String token) throws SQLException {
        Sql.update(dataSource, RELEASE_BATCH, ps -> {
            ps.setLong(1, batch.sendId());
            ps.setInt(2, batch.seq());
            ps.setString(3, token);
        });
    }

    /**
     * Claims up to {@code max} due pending rows of a batch this worker leases under {@code token}, renewing the lease;
     * empty when the lease was lost (it ran out and another worker took the batch over). The rows are not written:
     * each is written once, with its outcome. A claimed row's attempts include the one about to be made.
     */
    public Optional<List<Claimed>> claim(
            SendLedger.Batch batch, String listId, String token, Instant now, Instant leaseUntil, int max)
            throws SQLException {
        List<Long> due = Sql.longs(dataSource, DUE_ROWS.formatted(max), ps -> {
            ps.setLong(1, batch.sendId());
            ps.setLong(2, batch.firstId());
            ps.setLong(3, batch.lastId());
            ps.setObject(4, Jdbc.ts(now));
        });
        if (!lease(batch, token, now, leaseUntil, due.size())) {
            return Optional.empty();
        }
        if (due.isEmpty()) {
            return Optional.of(List.of());
        }
        long first = due.get(0);
        long last = due.get(due.size() - 1);
        return Optional.of(Sql.query(
                dataSource,
                CLAIMED,
                ps -> {
                    ps.setString(1, listId);
                    ps.setLong(2, first);
                    ps.setLong(3, last);
                    ps.setObject(4, Jdbc.ts(now));
                },
                rs -> new Claimed(
                        rs.getLong(1),
                        token,
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5) + 1,
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8))));
    }

    /** After the database went away: the pool's connections the server ended are closed (Jdbc#dropBrokenConnections). */
    void dropBrokenConnections() {
        Jdbc.dropBrokenConnections(dataSource);
    }

    /**
     * Writes outcomes of claimed rows in one round trip; a row another worker already recorded is left. Returns the
     * rows written.
     */
    public int write(List<Outcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.postgres(c) ? writeAsOne(c, outcomes, now) : writeEach(c, outcomes, now);
        }
    }

    /** PostgreSQL: one statement for all of them. */
    private static int writeAsOne(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] states = new String[n];
        String[] replies = new String[n];
        String[] messageIds = new String[n];
        String[] nextAttempts = new String[n];
        Integer[] tried = new Integer[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.row().id();
            states[i] = o.state().text();
            replies[i] = truncate(o.reply());
            messageIds[i] = o.messageId();
            nextAttempts[i] = o.nextAttempt() == null ? null : o.nextAttempt().toString();
            tried[i] = o.untried() ? 0 : 1;
        }
        try (PreparedStatement ps = c.prepareStatement(OUTCOMES)) {
            ps.setObject(1, Jdbc.ts(now));
            ps.setObject(2, ids);
            ps.setObject(3, states);
            ps.setObject(4, replies);
            ps.setObject(5, messageIds);
            ps.setObject(6, nextAttempts);
            ps.setObject(7, tried);
            return ps.executeUpdate();
        }
    }

    private static int writeEach(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OUTCOME)) {
            for (Outcome o : outcomes) {
                ps.setString(1, o.state().text());
                ps.setString(2, truncate(o.reply()));
                ps.setString(3, o.messageId());
                ps.setObject(4, Jdbc.ts(o.nextAttempt()));
                ps.setInt(5, o.untried() ? 0 : 1);
                ps.setObject(6, Jdbc.ts(now));
                ps.setLong(7, o.row().id());
                ps.setString(8, o.state().text());
                ps.addBatch();
            }
            int written = 0;
            for (int n : ps.executeBatch()) {
                // A driver that cannot tell (SUCCESS_NO_INFO) wrote the row.
                written += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
            }
            return written;
        }
    }

    /** A dry run ends every pending row as dry_run: rendered, never sent. */
    public void markDryRun(long sendId, Instant now) throws SQLException {
        Sql.update(dataSource, MARK_DRY_RUN, ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, sendId);
        });
    }

    /** Cancels what has not been tried yet; rows in flight finish and are recorded as they end. */
    public int cancelPending(long sendId, Instant now) throws SQLException {
        return Sql.update(dataSource, CANCEL_PENDING, ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, sendId);
        });
    }

    /** The earliest time a pending row of this batch is due (rows in flight are pending too), if any is pending. */
    public Optional<Instant> nextDue(SendLedger.Batch batch) throws SQLException {
        return Optional.ofNullable(Sql.query(
                        dataSource,
                        EARLIEST.formatted("next_attempt"),
                        ps -> {
                            ps.setLong(1, batch.sendId());
                            ps.setString(2, DeliveryState.PENDING.text());
                            ps.setLong(3, batch.firstId());
                            ps.setLong(4, batch.lastId());
                        },
                        rs -> Sql.instant(rs, 1))
                .get(0));
    }

    /** Rows of the send still pending, those in flight among them (a range read of the index). */
    public long openRows(long sendId) throws SQLException {
        return Sql.longs(dataSource, COUNT_IN_STATE, ps -> {
                    ps.setLong(1, sendId);
                    ps.setString(2, DeliveryState.PENDING.text());
                })
                .get(0);
    }

    /** The send's rows by state, as the table has them (rows in flight are pending). */
    public Map<DeliveryState, Long> counts(long sendId) throws SQLException {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (Map.Entry<DeliveryState, Long> e : Sql.query(
                dataSource,
                COUNT_BY_STATE,
                ps -> ps.setLong(1, sendId),
                rs -> Map.entry(DeliveryState.of(rs.getString(1)), rs.getLong(2)))) {
            counts.put(e.getKey(), e.getValue());
        }
        return counts;
    }

    /**
     * The rows of the send's workers' current claims (live leases), pending in the table. A claim's rows whose
     * outcomes are already written count until the worker's next claim, so this may run ahead of what is truly on
     * the wire by up to ledger-flush rows a worker.
     */
    public long inFlight(long sendId, Instant now) throws SQLException {
        return Sql.longs(dataSource, IN_FLIGHT, ps -> {
                    ps.setLong(1, sendId);
                    ps.setObject(2, Jdbc.ts(now));
                })
                .get(0);
    }

    /** Untried rows due after {@code now}: how many, and the first and last of their release times. */
    public record Later(long rows, Instant next, Instant last) {
        static final Later NONE = new Later(0, null, null);
    }

    public Later dueLater(long sendId, Instant now) throws SQLException {
        return Sql.first(
                        dataSource,
                        DeliveryQueries.DUE_LATER,
                        ps -> {
                            ps.setLong(1, sendId);
                            ps.setObject(2, Jdbc.ts(now));
                        },
                        rs -> rs.getLong(1) == 0
                                ? Later.NONE
                                : new Later(rs.getLong(1), Sql.instant(rs, 2), Sql.instant(rs, 3)))
                .orElse(Later.NONE);
    }

    /** GDPR erasure: the reader's rows, inside the erasure's transaction. */
    public void forget(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FORGET_SUBSCRIBER)) {
            ps.setLong(1, subscriberId);
            ps.executeUpdate();
        }
    }

    static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
