package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivery in Prometheus series (/q/metrics): herald_emails_total{outcome} for every ledger outcome this node wrote,
 * herald_send_rate (messages sent by this node per second, over the last minute), herald_batches_queued and
 * herald_sends_running (from the database, the same on every node).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final AtomicLongArray perSecond = new AtomicLongArray(60);
    private final AtomicLongArray stamp = new AtomicLongArray(60);

    DeliveryMetrics(MeterRegistry registry, DataSource dataSource) {
        this.registry = registry;
        this.dataSource = dataSource;
        Gauge.builder("herald_send_rate", this, DeliveryMetrics::rate)
                .description("messages sent per second by this " + "node, averaged over the last minute")
                .register(registry);
        Gauge.builder("herald_batches_queued", this, m -> m.query(DeliveryQueries.BATCHES_QUEUED))
                .description("batches of running sends not yet handed to Quartz")
                .register(registry);
        Gauge.builder("herald_sends_running", this, m -> m.query(DeliveryQueries.SENDS_RUNNING))
                .description("sends planned or sending")
                .register(registry);
        for (DeliveryState outcome : List.of(
                DeliveryState.SENT,
                DeliveryState.FAILED_TEMPORARY,
                DeliveryState.FAILED_PERMANENT,
                DeliveryState.SKIPPED)) {
            emails(outcome); // present at zero from the start, for dashboards and alert rules
        }
    }

    private Counter emails(DeliveryState outcome) {
        return Counter.builder("herald_emails")
                .tag("outcome", outcome.text())
                .description("ledger outcomes written")
                .register(registry);
    }

    void recorded(List<DeliveryRows.Outcome> outcomes) {
        long sent = 0;
        for (DeliveryRows.Outcome o : outcomes) {
            emails(o.state()).increment();
            if (o.state() == DeliveryState.SENT) {
                sent++;
            }
        }
        if (sent > 0) {
            long now = System.currentTimeMillis() / 1000;
            int slot = (int) (now % 60);
            if (stamp.getAndSet(slot, now) != now) {
                perSecond.set(slot, 0);
            }
            perSecond.addAndGet(slot, sent);
        }
    }

    private double rate() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 0; i < 60; i++) {
            if (now - stamp.get(i) < 60) {
                total += perSecond.get(i);
            }
        }
        return total / 60.0;
    }

    private double query(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getDouble(1) : 0;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
