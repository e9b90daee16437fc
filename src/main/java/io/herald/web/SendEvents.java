package io.herald.web;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;

import io.herald.SendControl;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.SendStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/** A send's progress as a stream: its report once a second, the last one when it finishes or pauses. */
@ApplicationScoped
public class SendEvents {

    private final SendControl sends;

    SendEvents(SendControl sends) {
        this.sends = sends;
    }

    public Multi<DeliveryReport> stream(long id) throws SQLException {
        sends.report(id).orElseThrow(() -> Refusal.notFound("id", "no send " + id));
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1))
                .every(Duration.ofSeconds(1))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> {
                    try {
                        return sends.report(id).orElseThrow();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .select()
                .first(new Predicate<>() {
                    private boolean ended;

                    @Override
                    public boolean test(DeliveryReport report) {
                        boolean emit = !ended;
                        ended = ended || report.finished() || report.status() == SendStatus.PAUSED;
                        return emit;
                    }
                });
    }
}
