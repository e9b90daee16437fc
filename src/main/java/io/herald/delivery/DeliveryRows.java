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

import static io.herald.delivery.DeliveryQueries.CANCEL_PENDING;
import static io.herald.delivery.DeliveryQueries.CLAIM;
import static io.herald.delivery.DeliveryQueries.CLAIMED;
import static io.herald.delivery.DeliveryQueries.COUNT_BY_STATE;
import static io.herald.delivery.DeliveryQueries.COUNT_IN_STATE;
import static io.herald.delivery.DeliveryQueries.DUE_ROWS;
import static io.herald.delivery.DeliveryQueries.EARLIEST;
import static io.herald.delivery.DeliveryQueries.FORGET_SUBSCRIBER;
import static io.herald.delivery.DeliveryQueries.MARK_DRY_RUN;
import static io.herald.delivery.DeliveryQueries.OUTCOME;
import static io.herald.delivery.DeliveryQueries.OUTCOMES;
import static io.herald.delivery.DeliveryQueries.RELEASE_EXPIRED;

/**
 * The ledger rows, one per (send, reader), moved pending -> sending -> sent | failed_temporary | failed_permanent |
 * skipped | cancelled. A row is claimed (with a token and a lease) before its SMTP transaction and marked after it;
 * rows whose lease ran out (the node died mid-send) go back to pending and are sent again.
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

    /** Puts rows whose lease expired back to pending: the worker that held them is gone. */
    public int releaseExpired(SendLedger.Batch batch, Instant now) throws SQLException {
        return Sql.update(dataSource, RELEASE_EXPIRED, ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setLong(2, batch.sendId());
            ps.setLong(3, batch.firstId());
            ps.setLong(4, batch.lastId());
            ps.setObject(5, Jdbc.ts(now));
        });
    }

    /**
     * Gives back, due now, the send's rows an earlier run of this node had claimed and never finished (it crashed):
     * nobody else holds them. The attempt their claim counted stays counted, as when a lease runs out: the crash may
     * have come after the relay took the message.
     */
    public int releaseEarlierRuns(long sendId, ClaimOwner owner, Instant now) throws SQLException {
        return Sql.update(dataSource, DeliveryQueries.RELEASE_EARLIER_RUNS, ps -> {
            ps.setObject(1, Jdbc.ts(now));
            ps.setObject(2, Jdbc.ts(now));
            ps.setLong(3, sendId);
            ps.setString(4, owner.anyRunOfThisNode());
            ps.setString(5, owner.thisRun());
        });
    }

    /** Claims up to {@code max} due pending rows of the batch under a token used for this claim only. */
    public List<Claimed> claim(
            SendLedger.Batch batch, String listId, String token, Instant now, Instant leaseUntil, int max)
            throws SQLException {
        List<Long> due = Sql.longs(dataSource, DUE_ROWS.formatted(max), ps -> {
            ps.setLong(1, batch.sendId());
            ps.setLong(2, batch.firstId());
            ps.setLong(3, batch.lastId());
            ps.setObject(4, Jdbc.ts(now));
        });
        if (due.isEmpty()) {
            return List.of();
        }
        long first = due.get(0);
        long last = due.get(due.size() - 1);
        Sql.update(dataSource, CLAIM, ps -> {
            ps.setString(1, token);
            ps.setObject(2, Jdbc.ts(leaseUntil));
            ps.setObject(3, Jdbc.ts(now));
            ps.setLong(4, batch.sendId());
            ps.setLong(5, first);
            ps.setLong(6, last);
            ps.setObject(7, Jdbc.ts(now));
        });
        return Sql.query(
                dataSource,
                CLAIMED,
                ps -> {
                    ps.setString(1, listId);
                    ps.setLong(2, first);
                    ps.setLong(3, last);
                    ps.setString(4, token);
                },
                rs -> new Claimed(
                        rs.getLong(1),
                        token,
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8)));
    }

    /**
     * Writes outcomes of claimed rows in one round trip; a row whose claim was lost to another worker is left.
     * Returns the rows written.
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
        String[] claims = new String[n];
        String[] states = new String[n];
        String[] replies = new String[n];
        String[] messageIds = new String[n];
        String[] nextAttempts = new String[n];
        Integer[] untried = new Integer[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.row().id();
            claims[i] = o.row().claim();
            states[i] = o.state().text();
            replies[i] = truncate(o.reply());
            messageIds[i] = o.messageId();
            nextAttempts[i] = o.nextAttempt() == null ? null : o.nextAttempt().toString();
            untried[i] = o.untried() ? 1 : 0;
        }
        try (PreparedStatement ps = c.prepareStatement(OUTCOMES)) {
            ps.setObject(1, Jdbc.ts(now));
            ps.setObject(2, ids);
            ps.setObject(3, claims);
            ps.setObject(4, states);
            ps.setObject(5, replies);
            ps.setObject(6, messageIds);
            ps.setObject(7, nextAttempts);
            ps.setObject(8, untried);
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
                ps.setInt(5, o.untried() ? 1 : 0);
                ps.setObject(6, Jdbc.ts(now));
                ps.setLong(7, o.row().id());
                ps.setString(8, o.row().claim());
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

    /** The earliest time a row of this batch is due, if any is pending; a row in flight counts at its lease's end. */
    public Optional<Instant> nextDue(SendLedger.Batch batch) throws SQLException {
        Instant pending = earliest(batch, "next_attempt", DeliveryState.PENDING);
        Instant sending = earliest(batch, "lease_until", DeliveryState.SENDING);
        return Optional.ofNullable(
                pending == null ? sending : sending == null || pending.isBefore(sending) ? pending : sending);
    }

    private Instant earliest(SendLedger.Batch batch, String column, DeliveryState state) throws SQLException {
        return Sql.query(
                        dataSource,
                        EARLIEST.formatted(column),
                        ps -> {
                            ps.setLong(1, batch.sendId());
                            ps.setString(2, state.text());
                            ps.setLong(3, batch.firstId());
                            ps.setLong(4, batch.lastId());
                        },
                        rs -> Sql.instant(rs, 1))
                .get(0);
    }

    /** Rows of the send still pending or in flight (one count per state: each is a range read of the index). */
    public long openRows(long sendId) throws SQLException {
        long open = 0;
        for (DeliveryState state : List.of(DeliveryState.PENDING, DeliveryState.SENDING)) {
            open += Sql.longs(dataSource, COUNT_IN_STATE, ps -> {
                        ps.setLong(1, sendId);
                        ps.setString(2, state.text());
                    })
                    .get(0);
        }
        return open;
    }

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
