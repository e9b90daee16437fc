package io.herald.delivery;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.herald.PersonalDataRequestsForTests;
import io.herald.subscriber.SubscribersForTests;
import io.herald.subscriber.Suppressions;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finished send's rows counted by state are kept (the ops console shows thirty sends, and counting a send of a
 * million rows takes a good part of a second): its rows change no more until a reader is erased. The node that erases
 * counts again at once; another node within {@link SendReports#ERASURES_READ_NANOS}, as the database's count of
 * erasures tells it. A cancelled send is counted at every request, as a message in flight at the cancel is still
 * recorded sent.
 */
class FinishedSendCountsTest {

    static final int MEMBERS = 5;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    private final AtomicLong nanos = new AtomicLong();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aFinishedSendIsCountedOnceUntilAReaderIsErased(String database) throws Exception {
        PlannedSends sends = list(database, "finished-counts");
        DataSource ds = sends.ds();
        long send = sends.plan("Finished Monday");
        DeliveryRows rows = new DeliveryRows(ds);
        rows.write(sentOutcomes(sends.claimEveryBatch(send)), PlannedSends.NOW);
        assertThat(rows.openRows(send)).isZero();
        end(ds, send, SendStatus.FINISHED);
        Suppressions suppressions = SubscribersForTests.suppressions(ds);
        SendReports erasing = new SendReports(ds, rows, suppressions::erasures, nanos::get);
        SendReports elsewhere = new SendReports(ds, rows, suppressions::erasures, nanos::get);
        assertThat(sentOfTotal(erasing, send)).isEqualTo("5 of 5");
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("5 of 5");

        // A change behind Herald's back is not seen: while nobody is erased, the counts are not taken again at each
        // request, nor an hour later (the console viewed once an hour counts nothing).
        behindHeraldsBack(ds, send, sends.readerId(1));
        nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertThat(sentOfTotal(erasing, send)).isEqualTo("5 of 5");
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("5 of 5");

        PersonalDataRequestsForTests.on(ds, erasing).erase(PlannedSends.reader("finished-counts", 3), Instant.now());

        assertThat(sentOfTotal(erasing, send)).isEqualTo("3 of 4");
        // Another node learns of the erasure from the database, within ERASURES_READ_NANOS of its last reading.
        nanos.addAndGet(SendReports.ERASURES_READ_NANOS - 1);
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("5 of 5");
        nanos.addAndGet(1);
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("3 of 4");

        // A day after they were taken, the counts are taken again whatever happened.
        behindHeraldsBack(ds, send, sends.readerId(2));
        nanos.addAndGet(SendReports.FINISHED_KEPT_NANOS - 1);
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("3 of 4");
        nanos.addAndGet(1);
        assertThat(sentOfTotal(elsewhere, send)).isEqualTo("2 of 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aCancelledSendIsCountedAtEveryRequest(String database) throws Exception {
        PlannedSends sends = list(database, "cancelled-counts");
        DataSource ds = sends.ds();
        long send = sends.plan("Cancelled Monday");
        DeliveryRows rows = new DeliveryRows(ds);
        List<DeliveryRows.Claimed> inFlight = sends.claimEveryBatch(send);
        end(ds, send, SendStatus.CANCELLED);
        rows.cancelPending(send, Instant.now());
        SendReports reports = new SendReports(ds, rows, SubscribersForTests.suppressions(ds)::erasures, nanos::get);
        assertThat(sentOfTotal(reports, send)).isEqualTo("0 of 5");

        // A message that was in flight at the cancel: the relay took it, so its row is recorded sent.
        assertThat(rows.write(sentOutcomes(inFlight.subList(0, 1)), PlannedSends.NOW))
                .isEqualTo(1);

        assertThat(sentOfTotal(reports, send)).isEqualTo("1 of 5");
    }

    /** A list of {@link #MEMBERS} readers named {@code listId} on a fresh database of the kind asked for. */
    private static PlannedSends list(String database, String listId) throws Exception {
        return PlannedSends.on(PlannedSends.database(database, POSTGRES, listId), listId, MEMBERS, 2);
    }

    /** Moves the running send to {@code status}, as the last batch or ops would. */
    private static void end(DataSource ds, long send, SendStatus status) throws Exception {
        assertThat(new SendLedger(ds).transition(send, SendStatus.RUNNING, status, null, Instant.now()))
                .isTrue();
    }

    /** A reader's row of the send made skipped by a statement of the test's own. */
    private static void behindHeraldsBack(DataSource ds, long send, long reader) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE delivery SET state = 'skipped' WHERE send_id = " + send
                            + " AND subscriber_id = " + reader))
                    .isEqualTo(1);
        }
    }

    private static List<DeliveryRows.Outcome> sentOutcomes(List<DeliveryRows.Claimed> claimed) {
        return claimed.stream()
                .map(r -> new DeliveryRows.Outcome(r, DeliveryState.SENT, "250 ok", "<" + r.id() + "@test>", null))
                .toList();
    }

    private static String sentOfTotal(SendReports reports, long send) throws Exception {
        DeliveryReport r = reports.report(send, Instant.now()).orElseThrow();
        return r.sent() + " of " + r.total();
    }
}
