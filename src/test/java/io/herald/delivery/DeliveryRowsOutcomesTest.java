package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.SchemaMigrations;
import io.herald.support.MigratedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flush's outcomes on both databases (on PostgreSQL in one statement, arrays joined to the rows; on H2 a statement
 * per row): each row gets exactly what its outcome says, a row another worker already recorded is left alone, and a
 * message the relay took while its send was being cancelled is recorded sent.
 */
class DeliveryRowsOutcomesTest {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:05.123456Z");

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    private DataSource ds;

    private void ledger(String database) throws Exception {
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:outcomes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            SchemaMigrations.flyway(h2).migrate();
            ds = h2;
        } else {
            ds = POSTGRES.dataSource();
        }
        MigratedPostgres.listWithEdition(ds, "wire", 1);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO send (id, edition_id, list_id, dry_run, status, started_by, created_at) "
                    + "VALUES (1, 1, 'wire', FALSE, 'sending', 'test', CURRENT_TIMESTAMP)");
            // Rows 1-3 in flight (pending in the ledger), 4 recorded by another worker, 5 and 6 cancelled meanwhile.
            String[] states = {"pending", "pending", "pending", "sent", "cancelled", "cancelled"};
            for (int i = 1; i <= states.length; i++) {
                s.execute("INSERT INTO subscriber (id, email, created_at) VALUES (" + i + ", 'r" + i
                        + "@example.org', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO delivery (id, send_id, subscriber_id, state, attempts, next_attempt, "
                        + "updated_at) VALUES (" + i + ", 1, " + i + ", '" + states[i - 1] + "', 0, "
                        + "TIMESTAMP WITH TIME ZONE '2026-06-01 08:00:00+00', TIMESTAMP WITH TIME ZONE "
                        + "'2026-06-01 08:00:00+00')");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void eachRowGetsItsOutcomeUnlessAnotherWorkerRecordedIt(String database) throws Exception {
        ledger(database);
        Instant retryAt = Instant.parse("2026-06-01T09:15:30.654321Z");
        String longReply = "451 " + "x".repeat(1200);
        List<DeliveryRows.Outcome> outcomes = List.of(
                new DeliveryRows.Outcome(row(1), DeliveryState.SENT, "250 2.0.0 Ok: queued", "<m1@x>", null),
                new DeliveryRows.Outcome(row(2), DeliveryState.PENDING, longReply, null, retryAt),
                new DeliveryRows.Outcome(row(3), DeliveryState.PENDING, null, null, null, true),
                // Another worker took the batch over and recorded row 4: this outcome is not written.
                new DeliveryRows.Outcome(row(4), DeliveryState.FAILED_TEMPORARY, "421 busy", null, null),
                // The relay took row 5 while the send was being cancelled: the reader has it.
                new DeliveryRows.Outcome(row(5), DeliveryState.SENT, "250 Ok", "<m5@x>", null),
                // Row 6 would be tried again later, but its send was cancelled: it stays cancelled.
                new DeliveryRows.Outcome(row(6), DeliveryState.PENDING, "451 later", null, retryAt));

        assertThat(new DeliveryRows(ds).write(outcomes, NOW)).isEqualTo(4);

        assertThat(stored(1)).isEqualTo(new Stored("sent", "250 2.0.0 Ok: queued", "<m1@x>", 1, at("08:00:00"), NOW));
        assertThat(stored(2)).isEqualTo(new Stored("pending", longReply.substring(0, 1000), null, 1, retryAt, NOW));
        assertThat(stored(3)).isEqualTo(new Stored("pending", null, null, 0, at("08:00:00"), NOW));
        assertThat(stored(4)).isEqualTo(new Stored("sent", null, null, 0, at("08:00:00"), at("08:00:00")));
        assertThat(stored(5)).isEqualTo(new Stored("sent", "250 Ok", "<m5@x>", 1, at("08:00:00"), NOW));
        assertThat(stored(6)).isEqualTo(new Stored("cancelled", null, null, 0, at("08:00:00"), at("08:00:00")));
    }

    private static DeliveryRows.Claimed row(long id) {
        return new DeliveryRows.Claimed(id, "w1", id, "r" + id + "@example.org", null, 1, "active", null, 0);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-06-01T" + time + "Z");
    }

    record Stored(String state, String reply, String messageId, int attempts, Instant nextAttempt, Instant updatedAt) {}

    private Stored stored(long id) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state, last_reply, message_id, attempts, "
                        + "next_attempt, updated_at FROM delivery WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Stored(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant());
            }
        }
    }
}
