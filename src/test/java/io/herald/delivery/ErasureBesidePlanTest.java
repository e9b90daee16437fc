package io.herald.delivery;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.herald.PersonalDataRequests;
import io.herald.PersonalDataRequestsForTests;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.herald.support.SqlProbes.number;
import static io.herald.support.SqlProbes.waitingForALock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An erasure asked for while a send's plan has written the reader's ledger rows and not yet committed them, on
 * PostgreSQL: the erasure waits for the plan, then takes its rows for the reader too, and succeeds. It used to delete
 * the rows it could see, then fail on the ledger's foreign key once the plan committed (PlanBesideErasureTest is the
 * other order: the plan meets an erasure). H2's foreign-key checks take no locks, so there the plan keeps the row of
 * a reader erased meanwhile, and the claim skips it (PlanBesideErasureTest).
 */
class ErasureBesidePlanTest {

    static final int MEMBERS = 5;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @Test
    void anErasureWaitsForAPlanThatIsWritingTheReadersRowsAndTakesThemToo() throws Exception {
        DataSource ds = POSTGRES.dataSource();
        PlannedSends sends = PlannedSends.on(ds, "erased-late", MEMBERS, 2);
        long monday = sends.plan("Monday");
        long reader = sends.readerId(3);
        PersonalDataRequests requests = PersonalDataRequestsForTests.on(ds);

        CompletableFuture<Long> plan;
        CompletableFuture<Boolean> erasure;
        try (Connection holder = ds.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            // The plan writes its ledger rows, then waits here to cut them into batches: it holds the reader's row
            // (its foreign-key check's share lock) until it commits.
            s.execute("LOCK TABLE send_batch IN EXCLUSIVE MODE");
            plan = CompletableFuture.supplyAsync(() -> {
                try {
                    return sends.plan("Tuesday");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(ds) == 1);
            erasure = CompletableFuture.supplyAsync(() -> {
                try {
                    return requests.erase(PlannedSends.reader("erased-late", 3), PlannedSends.NOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(ds) == 2);
            holder.commit();
        }
        long tuesday = plan.get(30, TimeUnit.SECONDS);
        assertThat(erasure.get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(number(ds, "SELECT COUNT(*) FROM subscriber WHERE id = " + reader))
                .isZero();
        assertThat(number(ds, "SELECT COUNT(*) FROM delivery WHERE subscriber_id = " + reader))
                .isZero();
        for (long send : List.of(monday, tuesday)) {
            assertThat(number(ds, "SELECT COUNT(*) FROM delivery WHERE send_id = " + send))
                    .isEqualTo(MEMBERS - 1);
        }
    }
}
