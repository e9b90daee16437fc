package io.herald.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import static io.herald.delivery.DeliveryQueries.ALL_HANDED_OUT;
import static io.herald.delivery.DeliveryQueries.BATCH;
import static io.herald.delivery.DeliveryQueries.CLEAR_WAITING_REASON;
import static io.herald.delivery.DeliveryQueries.NEXT_BATCH;
import static io.herald.delivery.DeliveryQueries.OPEN_BATCHES;
import static io.herald.delivery.DeliveryQueries.RUNNING_SENDS;
import static io.herald.delivery.DeliveryQueries.SEND;
import static io.herald.delivery.DeliveryQueries.SET_WAITING_REASON;
import static io.herald.delivery.DeliveryQueries.TAKE_BATCHES;
import static io.herald.delivery.DeliveryQueries.TRANSITION;

/**
 * A send and its batches: the status it is in, why, and which batches have been handed to the queue. The rows of
 * each reader are DeliveryRows'; the counts and rates SendReports'.
 */
@ApplicationScoped
public class SendLedger {

    /** How a running send's reason starts while no connection to the relay can be opened. */
    public static final String WAITING_FOR_RELAY = "waiting for the relay: ";

    /** The send row: what it carries, to whom, and where it stands. */
    public record SendRow(long id, long editionId, String listId, boolean dryRun, SendStatus status, int batchCount) {
        public boolean running() {
            return status.running();
        }
    }

    /** A batch: ledger rows first..last of one send. */
    public record Batch(long sendId, int seq, long firstId, long lastId) {}

    private final DataSource dataSource;

    SendLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<SendRow> send(long sendId) throws SQLException {
        return Sql.first(
                dataSource,
                SEND,
                ps -> ps.setLong(1, sendId),
                rs -> new SendRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        SendStatus.of(rs.getString(5)),
                        rs.getInt(6)));
    }

    public Optional<SendStatus> status(long sendId) throws SQLException {
        return send(sendId).map(SendRow::status);
    }

    /** Sends still to be worked on (not finished, paused or cancelled), for recovery. */
    public List<Long> runningSends() throws SQLException {
        return Sql.longs(dataSource, RUNNING_SENDS, Sql.NONE);
    }

    public Optional<Batch> batch(long sendId, int seq) throws SQLException {
        return Sql.first(
                dataSource,
                BATCH,
                ps -> {
                    ps.setLong(1, sendId);
                    ps.setInt(2, seq);
                },
                rs -> new Batch(sendId, seq, rs.getLong(1), rs.getLong(2)));
    }

    /** The batches already handed out that still hold pending or sending rows. */
    public List<Integer> openBatches(long sendId) throws SQLException {
        return Sql.query(dataSource, OPEN_BATCHES, ps -> ps.setLong(1, sendId), rs -> rs.getInt(1));
    }

    /**
     * Hands out up to {@code n} batches not handed out yet; returns their numbers. Safe when nodes race: each batch
     * number is taken by one compare-and-set on send.next_batch.
     */
    public List<Integer> handOut(long sendId, int n) throws SQLException {
        List<Integer> taken = new ArrayList<>();
        while (taken.size() < n) {
            Optional<int[]> position = Sql.first(
                    dataSource, NEXT_BATCH, ps -> ps.setLong(1, sendId), rs -> new int[] {rs.getInt(1), rs.getInt(2)});
            if (position.isEmpty() || position.get()[0] >= position.get()[1]) {
                break;
            }
            int from = position.get()[0];
            int give = Math.min(n - taken.size(), position.get()[1] - from);
            if (Sql.update(dataSource, TAKE_BATCHES, ps -> {
                        ps.setInt(1, from + give);
                        ps.setLong(2, sendId);
                        ps.setInt(3, from);
                    })
                    == 1) {
                for (int i = 0; i < give; i++) {
                    taken.add(from + i);
                }
            }
        }
        return taken;
    }

    /** Whether every batch of the send has been handed to the queue. */
    public boolean allHandedOut(long sendId) throws SQLException {
        return Sql.longs(dataSource, ALL_HANDED_OUT, ps -> ps.setLong(1, sendId))
                        .get(0)
                == 1;
    }

    /** Says, on a running send, why it is waiting (null: it no longer is, if that was the reason given). */
    public void waiting(long sendId, String reason) throws SQLException {
        if (reason != null) {
            Sql.update(dataSource, SET_WAITING_REASON, ps -> {
                ps.setString(1, DeliveryRows.truncate(reason));
                ps.setLong(2, sendId);
            });
        } else {
            Sql.update(dataSource, CLEAR_WAITING_REASON, ps -> {
                ps.setLong(1, sendId);
                ps.setString(2, WAITING_FOR_RELAY + "%");
            });
        }
    }

    /** Moves a send from one of the given statuses to another; false when it was in none of them. */
    public boolean transition(long sendId, Set<SendStatus> from, SendStatus to, String reason, Instant now)
            throws SQLException {
        String in = from.stream().map(s -> "'" + s.text() + "'").collect(Collectors.joining(","));
        return Sql.update(dataSource, TRANSITION.formatted(in), ps -> {
                    ps.setString(1, to.text());
                    ps.setString(2, reason);
                    ps.setString(3, to.text());
                    ps.setObject(4, Jdbc.ts(now));
                    ps.setString(5, to.text());
                    ps.setObject(6, Jdbc.ts(now));
                    ps.setLong(7, sendId);
                })
                == 1;
    }
}
