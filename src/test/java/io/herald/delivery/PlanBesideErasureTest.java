package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.herald.support.SqlProbes.number;
import static io.herald.support.SqlProbes.waitingForALock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send planned while a reader of its list is being erased. The plan's statement still sees the reader's membership
 * (the erasure has not committed). On PostgreSQL the foreign-key check of the reader's ledger row waits for the
 * erasure's lock on the subscriber row and then finds the row gone: the plan is made again and goes to everyone else
 * (it used to fail, and a scheduled edition with it until the list's next time; on a year's ledger the erasure holds
 * that lock for seconds). H2 checks the key without waiting and keeps the row: the claim hands it out without an
 * address or membership, so it is skipped, not left pending for ever.
 */
class PlanBesideErasureTest {

    static final int MEMBERS = 5;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aReaderErasedWhileTheirListIsPlannedIsNeverSentTo(String database) throws Exception {
        boolean postgres = database.equals("postgresql");
        DataSource ds = PlannedSends.database(database, POSTGRES, "plan-beside-erasure");
        PlannedSends sends = PlannedSends.on(ds, "erasing", MEMBERS, 2);
        long erased = sends.readerId(3);

        CompletableFuture<Long> plan;
        try (Connection erasure = ds.getConnection()) {
            erasure.setAutoCommit(false);
            for (String sql :
                    List.of("DELETE FROM membership WHERE subscriber_id = ?", "DELETE FROM subscriber WHERE id = ?")) {
                try (PreparedStatement ps = erasure.prepareStatement(sql)) {
                    ps.setLong(1, erased);
                    ps.executeUpdate();
                }
            }
            plan = CompletableFuture.supplyAsync(() -> {
                try {
                    return sends.plan("Monday");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // PostgreSQL's plan waits for the erasure's lock on the reader; H2's goes through.
            await().atMost(Duration.ofSeconds(30)).until(() -> postgres ? waitingForALock(ds) > 0 : plan.isDone());
            erasure.commit();
        }
        long send = plan.get(30, TimeUnit.SECONDS);

        long ledgerRows = number(ds, "SELECT COUNT(*) FROM delivery WHERE send_id = " + send);
        List<DeliveryRows.Claimed> claimed = sends.claimEveryBatch(send);
        assertThat(claimed).hasSize((int) ledgerRows);
        assertThat(claimed).filteredOn(row -> row.subscriberId() == erased).allSatisfy(row -> {
            assertThat(row.email()).isNull();
            assertThat(row.membership()).isNull();
        });
        assertThat(claimed)
                .filteredOn(row -> row.subscriberId() != erased)
                .hasSize(MEMBERS - 1)
                .allSatisfy(row -> assertThat(row.membership()).isEqualTo("active"));
        if (postgres) {
            assertThat(ledgerRows).isEqualTo(MEMBERS - 1);
        }
        assertThat(number(ds, "SELECT COUNT(*) FROM send")).isEqualTo(1);
    }
}
