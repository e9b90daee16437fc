package io.herald;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.herald.delivery.DeliveryConfig;
import io.herald.delivery.LedgerParts;
import io.herald.storage.SchemaMigrations;
import io.herald.storage.Sql;
import io.herald.support.MigratedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which batches of a running send are open (handed out, with pending rows of that send), and what the send watchdog
 * queues again among them, on both databases. The send's rows: batch 0 sent (the pending row inside its id range is
 * another send's), batch 1 with its last row pending, batch 2 with its first, batch 3 pending but not handed out.
 */
class SendWatchdogTest {

    static final long BASE = 900_000_000L;
    static final long SEND = BASE + 1;
    static final long OTHER = BASE + 2;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void theOpenBatchesAreTheHandedOutOnesHoldingTheSendsPendingRows(String database) throws Exception {
        DataSource ds = ledger(database, "open", BASE + 1);

        assertThat(LedgerParts.sendLedger(ds).openBatches(SEND)).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void theWatchdogQueuesABatchWithoutAJobOnlyWhileItStillHoldsPendingRows(String database) throws Exception {
        DataSource ds = ledger(database, "watch", BASE + 2);
        List<Integer> queued = new ArrayList<>();
        BatchQueue quartz = new BatchQueue() {
            @Override
            public void runBatchAt(long sendId, int seq, Instant when) {
                assertThat(sendId).isEqualTo(SEND);
                queued.add(seq);
            }

            @Override
            public boolean hasJob(long sendId, int seq) {
                if (seq == 1) {
                    // Batch 1's job writes its last outcome and ends between the watchdog's two reads.
                    update(ds, "UPDATE delivery SET state = 'sent' WHERE id = " + (BASE + 6));
                }
                return false;
            }
        };
        SendControl sends = new SendControl(
                LedgerParts.sendLedger(ds),
                LedgerParts.deliveryRows(ds),
                null,
                null,
                quartz,
                unused(DeliveryConfig.class),
                null,
                null,
                Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneOffset.UTC));

        sends.resumeOrphans();

        assertThat(queued).containsExactly(2);
    }

    /** Rows B+1..B+12, three a batch; row B+3 is another (paused) send's, pending. */
    private static DataSource ledger(String database, String list, long edition) throws Exception {
        DataSource ds;
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + list + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            SchemaMigrations.flyway(h2).migrate();
            ds = h2;
        } else {
            ds = POSTGRES.dataSource();
            update(ds, "DELETE FROM delivery WHERE send_id IN (" + SEND + ", " + OTHER + ")");
            update(ds, "DELETE FROM send_batch WHERE send_id = " + SEND);
            update(ds, "DELETE FROM send WHERE id IN (" + SEND + ", " + OTHER + ")");
            update(ds, "DELETE FROM subscriber WHERE id BETWEEN " + (BASE + 1) + " AND " + (BASE + 12));
        }
        MigratedPostgres.listWithEdition(ds, list, edition);
        String[] states = {"sent", "sent", "pending", "sent", "sent", "pending", "pending", "sent", "sent"};
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO send (id, edition_id, list_id, dry_run, status, started_by, created_at, "
                    + "batch_count, next_batch) VALUES (" + SEND + ", " + edition + ", '" + list
                    + "', FALSE, 'sending', 'test', CURRENT_TIMESTAMP, 4, 3)");
            s.execute("INSERT INTO send (id, edition_id, list_id, dry_run, status, started_by, created_at) VALUES ("
                    + OTHER + ", " + edition + ", '" + list + "', TRUE, 'paused', 'test', CURRENT_TIMESTAMP)");
            for (int i = 1; i <= 12; i++) {
                long id = BASE + i;
                s.execute("INSERT INTO subscriber (id, email, created_at) VALUES (" + id + ", 'reader" + i
                        + "@watch.example.org', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO delivery (id, send_id, subscriber_id, state, attempts, next_attempt, "
                        + "updated_at) VALUES (" + id + ", " + (i == 3 ? OTHER : SEND) + ", " + id + ", '"
                        + (i <= states.length ? states[i - 1] : "pending") + "', 0, CURRENT_TIMESTAMP, "
                        + "CURRENT_TIMESTAMP)");
            }
            for (int seq = 0; seq < 4; seq++) {
                s.execute("INSERT INTO send_batch (send_id, seq, first_id, last_id) VALUES (" + SEND + ", " + seq + ", "
                        + (BASE + 1 + 3 * seq) + ", " + (BASE + 3 + 3 * seq) + ")");
            }
        }
        return ds;
    }

    private static void update(DataSource ds, String sql) {
        try {
            Sql.update(ds, sql, Sql.NONE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration the tested path does not read. */
    @SuppressWarnings("unchecked")
    private static <T> T unused(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> null);
    }
}
