package io.herald.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail on the production database: two nodes (two AuditTrail instances, each with its own lock) append
 * from six threads at once to one PostgreSQL; the chain stays one line with no gap and no fork, and the filters,
 * paging and export answer there as on H2.
 */
class AuditChainPostgresTest {

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @Test
    void twoNodesAppendingAtOnceMakeOneUnbrokenChain() throws Exception {
        AuditTrail nodeA = new AuditTrail(POSTGRES.dataSource(), Clock.systemUTC(), new ObjectMapper());
        AuditTrail nodeB = new AuditTrail(POSTGRES.dataSource(), Clock.systemUTC(), new ObjectMapper());
        int threads = 6;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AuditTrail node = t % 2 == 0 ? nodeA : nodeB;
            String actor = "person" + t;
            done.add(pool.submit(() -> {
                int written = 0;
                for (int i = 0; i < each; i++) {
                    if (node.append(actor, "10.0.0." + i, "teaser.edit", "article " + i, 200, Map.of("n", i))
                            .isPresent()) {
                        written++;
                    }
                }
                return written;
            }));
        }
        int written = 0;
        for (Future<Integer> f : done) {
            written += f.get();
        }
        pool.shutdown();
        System.out.printf(
                "audit on PostgreSQL: %d entries from 2 nodes x 3 threads in %d ms%n",
                written, (System.nanoTime() - started) / 1_000_000);
        assertThat(written).isEqualTo(threads * each);

        ChainCheck check = nodeB.verify();
        assertThat(check.intact()).as(check.reason()).isTrue();
        assertThat(check.entries()).isEqualTo(threads * each);

        // Filters, paging and export on PostgreSQL
        AuditFilter person3 =
                new AuditFilter(Optional.of("person3"), Optional.of("teaser"), Optional.empty(), Optional.empty());
        assertThat(nodeA.count(person3)).isEqualTo(each);
        List<AuditEntry> first = nodeA.page(person3, Optional.empty(), 30);
        List<AuditEntry> second = nodeA.page(person3, Optional.of(first.get(29).seq()), 30);
        assertThat(first).hasSize(30).allMatch(e -> e.actor().equals("person3"));
        assertThat(second.get(0).seq()).isLessThan(first.get(29).seq());
        AuditFilter future = new AuditFilter(
                Optional.empty(), Optional.empty(), Optional.of(Instant.now().plusSeconds(3600)), Optional.empty());
        assertThat(nodeA.count(future)).isZero();
        List<Long> exported = new ArrayList<>();
        nodeA.export(person3, e -> exported.add(e.seq()));
        assertThat(exported).hasSize(each).isSorted();
    }
}
