package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a flush's outcomes go to the ledger in one statement (arrays joined to the rows): each row gets
 * exactly what the statement per row wrote before, and a row whose claim another worker took is left alone.
 */
class DeliveryRowsPostgresTest {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:05.123456Z");

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        ds = POSTGRES.dataSource();
        POSTGRES.listWithEdition("wire", 1);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO send (id, edition_id, list_id, dry_run, status, started_by, created_at) "
                    + "VALUES (1, 1, 'wire', FALSE, 'sending', 'test', CURRENT_TIMESTAMP)");
            for (int i = 1; i <= 4; i++) {
                s.execute("INSERT INTO subscriber (id, email, created_at) VALUES (" + i + ", 'r" + i
                        + "@example.org', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO delivery (id, send_id, subscriber_id, state, attempts, next_attempt, claim, "
                        + "lease_until, updated_at) VALUES (" + i + ", 1, " + i + ", 'sending', 1, "
                        + "TIMESTAMP WITH TIME ZONE '2026-06-01 08:00:00+00', 'w1:" + i + "', "
                        + "TIMESTAMP WITH TIME ZONE '2026-06-01 08:05:00+00', TIMESTAMP WITH TIME ZONE "
                        + "'2026-06-01 08:00:00+00')");
            }
        }
    }

    @Test
    void oneStatementWritesEachRowAsTheRowStatementDid() throws Exception {
        Instant retryAt = Instant.parse("2026-06-01T09:15:30.654321Z");
        String longReply = "451 " + "x".repeat(1200);
        List<DeliveryRows.Outcome> outcomes = List.of(
                new DeliveryRows.Outcome(row(1, "w1:1"), DeliveryState.SENT, "250 2.0.0 Ok: queued", "<m1@x>", null),
                new DeliveryRows.Outcome(row(2, "w1:2"), DeliveryState.PENDING, longReply, null, retryAt),
                new DeliveryRows.Outcome(row(3, "w1:3"), DeliveryState.PENDING, null, null, null, true),
                // Another worker holds row 4 now: this outcome is not written.
                new DeliveryRows.Outcome(row(4, "w0:4"), DeliveryState.SENT, "250 Ok", "<m4@x>", null));

        assertThat(new DeliveryRows(ds).write(outcomes, NOW)).isEqualTo(3);

        assertThat(stored(1))
                .isEqualTo(new Stored("sent", "250 2.0.0 Ok: queued", "<m1@x>", 1, at("08:00:00"), null, NOW));
        assertThat(stored(2))
                .isEqualTo(new Stored("pending", longReply.substring(0, 1000), null, 1, retryAt, null, NOW));
        assertThat(stored(3)).isEqualTo(new Stored("pending", null, null, 0, at("08:00:00"), null, NOW));
        assertThat(stored(4)).isEqualTo(new Stored("sending", null, null, 1, at("08:00:00"), "w1:4", at("08:00:00")));
    }

    private static DeliveryRows.Claimed row(long id, String claim) {
        return new DeliveryRows.Claimed(id, claim, id, "r" + id + "@example.org", null, 1, "active", null, 0);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-06-01T" + time + "Z");
    }

    record Stored(
            String state,
            String reply,
            String messageId,
            int attempts,
            Instant nextAttempt,
            String claim,
            Instant updatedAt) {}

    private static Stored stored(long id) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state, last_reply, message_id, attempts, "
                        + "next_attempt, claim, updated_at FROM delivery WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Stored(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant());
            }
        }
    }
}
