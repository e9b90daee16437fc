package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;

import io.herald.article.Article;
import io.herald.storage.SchemaMigrations;
import io.herald.storage.Sql;
import io.herald.subscriber.MailingList;
import io.herald.support.MigratedPostgres;
import org.h2.jdbcx.JdbcDataSource;
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

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final int MEMBERS = 7;
    static final int BATCH = 3;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void eachPlanBatchesExactlyItsOwnRows(String database) throws Exception {
        Planning planning = Planning.on(database, "batches");

        long earlier = planning.plan("first");
        long later = planning.plan("second");

        assertBatchedInThrees(planning.ds(), earlier);
        assertBatchedInThrees(planning.ds(), later);
        assertThat(idRange(planning.ds(), later)[0]).isGreaterThan(idRange(planning.ds(), earlier)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aLedgerWhoseIdSequenceIsBehindItsRowsStillBatchesEveryRow(String database) throws Exception {
        Planning planning = Planning.on(database, "behind");
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

    /** A list of MEMBERS readers on one database, and plans of one article each to it, in batches of BATCH. */
    private record Planning(DataSource ds, MailingList list, SendPlanner planner) {

        static Planning on(String database, String listId) throws Exception {
            DataSource ds = database.equals("h2") ? h2() : POSTGRES.dataSource();
            listWithMembers(ds, listId);
            MailingList list = new MailingList(
                    listId, "Batches", "news@example.org", null, null, ZoneId.of("UTC"), MailingList.Mode.PER_ARTICLE);
            return new Planning(ds, list, new SendPlanner(ds, null, null));
        }

        long plan(String title) throws Exception {
            return planner.plan(List.of(article(ds, title)), list, false, "test", NOW, BATCH, null)
                    .sendId();
        }
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

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plan-batches-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SchemaMigrations.flyway(h2).migrate();
        return h2;
    }

    private static void listWithMembers(DataSource ds, String list) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mailing_list (id, name, from_address, mode, synced_at) VALUES ('" + list
                    + "', 'Batches', 'news@example.org', 'per_article', CURRENT_TIMESTAMP)");
            for (int i = 1; i <= MEMBERS; i++) {
                s.execute("INSERT INTO subscriber (email, created_at) VALUES ('reader" + i + "@" + list
                        + ".example.org', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO membership (list_id, subscriber_id, state, source, changed_at) SELECT '" + list
                    + "', id, 'active', 'test', CURRENT_TIMESTAMP FROM subscriber WHERE email LIKE '%@" + list
                    + ".example.org'");
        }
    }

    private static Article article(DataSource ds, String title) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO article (title, body, photos, content_hash, created_at) "
                                + "VALUES (?, 'Body.', '[]', ?, CURRENT_TIMESTAMP)",
                        new String[] {"id"})) {
            ps.setString(1, title);
            ps.setString(2, String.format("%064d", Math.abs((long) title.hashCode())));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Article(keys.getLong(1), title, null, List.of("Body."), List.of(), null, null, "h", null);
            }
        }
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
