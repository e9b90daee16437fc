package io.herald.delivery;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A running send's rate and end are reckoned to the moment its rows were counted, not to the request's. */
class DeliveryReportTest {

    private static final Instant STARTED = Instant.parse("2026-06-01T08:00:00Z");

    private static DeliveryReport running(SendReports.Counted counted) {
        return DeliveryReport.of(
                new SendHistory.SendRow(7, "wire", 3, false, SendStatus.SENDING, null, "ops", STARTED, STARTED, null),
                counted);
    }

    @Test
    void countsTakenTenSecondsInGiveTheirRateAndEnd() {
        Instant counted = STARTED.plusSeconds(10);
        DeliveryReport report = running(new SendReports.Counted(
                Map.of(DeliveryState.SENT, 40_000L, DeliveryState.SENDING, 400L, DeliveryState.PENDING, 59_600L),
                DeliveryRows.Later.NONE,
                counted));

        assertThat(report.countedAt()).isEqualTo(counted);
        assertThat(report.total()).isEqualTo(100_000);
        assertThat(report.rate()).isEqualTo(4_000.0);
        // 60,000 to go at 4,000 a second: 15 seconds after the count.
        assertThat(report.eta()).isEqualTo(counted.plusSeconds(15));
    }

    @Test
    void aFinishedSendsRateIsOverItsWholeRun() {
        Instant finished = STARTED.plusSeconds(20);
        DeliveryReport report = DeliveryReport.of(
                new SendHistory.SendRow(
                        7, "wire", 3, false, SendStatus.FINISHED, null, "ops", STARTED, STARTED, finished),
                new SendReports.Counted(
                        Map.of(DeliveryState.SENT, 100_000L), DeliveryRows.Later.NONE, finished.plusSeconds(600)));

        assertThat(report.rate()).isEqualTo(5_000.0);
        assertThat(report.eta()).isEqualTo(finished);
    }
}
