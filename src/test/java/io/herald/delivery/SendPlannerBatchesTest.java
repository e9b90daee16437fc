package io.herald.delivery;

import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan cuts its send's rows, and only them, into batches on both databases, when the ledger already holds an
 * earlier send's rows below them: the plan looks for its rows above the ledger's highest id before it inserted them,
 * and over the whole ledger when the id sequence is behind the ledger's rows.
 */
class SendPlannerBatchesTest {

    static final int MEMBERS = 7;
    static final int BATCH = 3;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void eachPlanBatchesExactlyItsOwnRows(String database) throws Exception {
        PlannedSends planning = on(database, "batches");

        long earlier = planning.plan("first");
        long later = planning.plan("second");

        assertBatchedInThrees(planning.ds(), earlier);
        assertBatchedInThrees(planning.ds(), later);
        assertThat(idRange(planning.ds(), later)[0]).isGreaterThan(idRange(planning.ds(), earlier)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aLedgerWhoseIdSequenceIsBehindItsRowsStillBatchesEveryRow(String database) throws Exception {
        PlannedSends planning = on(database, "behind");
        DataSource ds = planning.ds();
        long earlier = planning.plan("restored");
        // A row written with its own id, far above the sequence (as a restore that left the sequence behind does).
        long moved = idRange(ds, earlier)[1];
        update(ds, "UPDATE delivery SET id = " + FAR + " WHERE id = " + moved);
        try {
            long later = planning.plan("after the restore");

            assertThat(idRange(ds, later)[1]).isLessThan(FAR);
            assertBatchedInThrees(ds, later);
        } finally {
            update(ds, "UPDATE delivery SET id = " + moved + " WHERE id = " + FAR);
        }
    }

    static final long FAR = 1_000_000_000_000L;

    private static PlannedSends on(String database, String listId) throws Exception {
        return PlannedSends.on(PlannedSends.database(database, POSTGRES, "plan-batches"), listId, MEMBERS, BATCH);
    }

    /** The send's MEMBERS rows in batches of three consecutive ids from its first: 3, 3 and 1. */
    private static void assertBatchedInThrees(DataSource ds, long send) throws Exception {
        long[] rows = idRange(ds, send);
        assertThat(rows[2]).as("rows of send %d", send).isEqualTo(MEMBERS);
        assertThat(batches(ds, send))
                .as("send %d: rows %d-%d", send, rows[0], rows[1])
                .containsExactly(
                        new long[] {rows[0], rows[0] + 2, 3},
                        new long[] {rows[0] + 3, rows[0] + 5, 3},
                        new long[] {rows[0] + 6, rows[0] + 6, 1});
    }

    private static void update(DataSource ds, String sql) throws Exception {
        Sql.update(ds, sql, Sql.NONE);
    }

    /** The send's first and last ledger id, and how many rows it has. */
    private static long[] idRange(DataSource ds, long send) throws Exception {
        return Sql.first(
                        ds,
                        "SELECT MIN(id), MAX(id), COUNT(*) FROM delivery WHERE send_id = ?",
                        ps -> ps.setLong(1, send),
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .orElseThrow();
    }

    /** Each batch of the send in order: its first and last id, and how many of the send's rows lie between. */
    private static List<long[]> batches(DataSource ds, long send) throws Exception {
        return Sql.query(
                ds,
                "SELECT b.first_id, b.last_id, (SELECT COUNT(*) FROM delivery d WHERE d.send_id = b.send_id AND d.id "
                        + "BETWEEN b.first_id AND b.last_id) FROM send_batch b WHERE b.send_id = ? ORDER BY b.seq",
                ps -> ps.setLong(1, send),
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
    }
}
