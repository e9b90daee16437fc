package io.herald.insight;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of a finished send read from the ledger on PostgreSQL, the production database: the outcome counts,
 * the relays' refusals, the unsubscribes through the send's links and the rate curve (rows grouped by the output
 * column's name, which H2 and PostgreSQL both accept), each against rows whose answer is known.
 */
class EditionFiguresPostgresTest {

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    static DataSource ds;

    @BeforeAll
    static void ledger() throws Exception {
        ds = POSTGRES.dataSource();
        POSTGRES.listWithEdition("wire", 1);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            // Ten minutes from start to end: the curve's buckets are ten seconds long.
            s.execute("INSERT INTO send (id, edition_id, list_id, dry_run, status, started_by, created_at, started_at, "
                    + "finished_at) VALUES (1, 1, 'wire', FALSE, 'finished', 'ops', " + at("07:59:00") + ", "
                    + at("08:00:00") + ", " + at("08:10:00") + ")");
            row(s, 1, "sent", 1, "250 2.0.0 Ok", "08:00:03");
            row(s, 2, "sent", 1, "250 2.0.0 Ok", "08:00:09.999");
            row(s, 3, "sent", 2, "250 2.0.0 Ok", "08:00:10");
            row(s, 4, "sent", 1, "250 2.0.0 Ok", "08:09:59");
            row(s, 5, "failed_permanent", 1, "550 5.1.1 no such user", "08:00:04");
            row(s, 6, "failed_permanent", 1, "550 5.1.1 no such user", "08:00:05");
            row(s, 7, "failed_permanent", 1, null, "08:00:06");
            row(s, 8, "failed_temporary", 3, "451 4.7.1 try later", "08:00:07");
            s.execute("INSERT INTO consent_event (list_id, subscriber_id, event, source, at) VALUES "
                    + "('wire', 1, 'unsubscribed', '" + EditionInsight.unsubscribeSource(1) + "', CURRENT_TIMESTAMP), "
                    + "('wire', 2, 'unsubscribed', 'preferences page', CURRENT_TIMESTAMP), "
                    + "('wire', 3, 'listed', '" + EditionInsight.unsubscribeSource(1) + "', CURRENT_TIMESTAMP)");
        }
    }

    @Test
    void aFinishedSendsFiguresComeFromItsRows() throws Exception {
        // No click counter: these figures read the click tables as they are (only a subject test's flushes it).
        EditionInsight.Figures figures =
                new EditionInsight(ds, null).of(1, false, Optional.empty()).orElseThrow();

        assertThat(figures.delivered()).isEqualTo(4);
        assertThat(figures.deferred())
                .as("sent on a later attempt, or waiting for one")
                .isEqualTo(2);
        assertThat(figures.waiting()).isEqualTo(1);
        assertThat(figures.refused()).isEqualTo(3);
        assertThat(figures.refusals())
                .containsExactly(
                        new EditionInsight.Refusal("550 5.1.1 no such user", 2),
                        new EditionInsight.Refusal("(no reply)", 1));
        assertThat(figures.unsubscribes()).isEqualTo(1);
        assertThat(figures.rateBucketSeconds()).isEqualTo(10);
        assertThat(figures.rate())
                .containsExactly(
                        new EditionInsight.RatePoint(Instant.parse("2026-06-01T08:00:00Z"), 2),
                        new EditionInsight.RatePoint(Instant.parse("2026-06-01T08:00:10Z"), 1),
                        new EditionInsight.RatePoint(Instant.parse("2026-06-01T08:09:50Z"), 1));
    }

    private static void row(Statement s, int id, String state, int attempts, String reply, String updated)
            throws Exception {
        s.execute("INSERT INTO subscriber (id, email, created_at) VALUES (" + id + ", 'r" + id
                + "@example.org', CURRENT_TIMESTAMP)");
        s.execute("INSERT INTO delivery (id, send_id, subscriber_id, state, attempts, next_attempt, last_reply, "
                + "updated_at) VALUES (" + id + ", 1, " + id + ", '" + state + "', " + attempts + ", "
                + at("08:00:00") + ", " + (reply == null ? "NULL" : "'" + reply + "'") + ", " + at(updated) + ")");
    }

    private static String at(String time) {
        return "TIMESTAMP WITH TIME ZONE '2026-06-01 " + time + "+00'";
    }
}
