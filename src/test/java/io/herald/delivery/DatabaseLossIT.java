package io.herald.delivery;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.herald.support.HeraldProcess;
import io.herald.support.ListFiles;
import io.herald.support.ProdSend;
import io.herald.support.ScriptedSmtpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away in the middle of a send: PostgreSQL is stopped while a real Herald process (the prod build)
 * is sending, kept down a while, and started again on the same data. Herald must not lose anyone or end the send
 * early: it finishes by itself, every reader has the email, and every ledger row is final. The workers that held
 * outcomes when the database went write them once it is back (herald.delivery.ledger-retry), so duplicates stay
 * within one message per connection, not the pool-size x ledger-flush a worker that gave up its writes would send
 * again. It runs with the default 5-minute lease: the send goes on within seconds of the database's return, as no
 * batch run that ended with its outcomes written holds its lease until the lease ends, and a batch run the database
 * failed queues its next run once Quartz's tables are back instead of leaving it to the send watchdog.
 */
class DatabaseLossIT {

    static final int MEMBERS = 1500;
    static final int POOL = 4;
    static final int FLUSH = 10;

    @Test
    void aSendOutlivesItsDatabaseGoingAwayAndComingBack() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "db-loss-it"));
        ListFiles.generate(work.resolve("subscribers"), "bulk", "Bulk", "reader", MEMBERS, true);
        Path data = work.resolve("pgdata");
        if (Files.exists(data)) {
            try (var old = Files.walk(data)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ScriptedSmtpServer mail = new ScriptedSmtpServer();
        EmbeddedPostgres postgres = start(data, port);
        try {
            Map<String, String> env = ProdSend.env(postgres, mail, work.resolve("subscribers"), POOL, FLUSH, 100);
            // The default lease: a batch whose lease outlived the outage would hold the send for minutes, past the
            // wait below. The workers give their batches back once their outcomes are written.
            env.put("HERALD_SCHEDULE_DELIVERY_LEASE", "5m");
            try (HeraldProcess herald =
                    HeraldProcess.start(Path.of("target", "quarkus-app-prod"), env, work.resolve("node.log"))) {
                long send = ProdSend.start(herald, "Outage story", "bulk");

                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> mail.delivered("reader", "example.com", MEMBERS) >= MEMBERS / 5);
                postgres.close();
                int atStop = mail.delivered("reader", "example.com", MEMBERS);
                // Down long enough for every worker to meet it: claims, ledger writes, Quartz's own store.
                Thread.sleep(8000);
                int whileDown = mail.delivered("reader", "example.com", MEMBERS) - atStop;
                postgres = start(data, port);
                long back = System.nanoTime();
                int beforeBack = mail.delivered("reader", "example.com", MEMBERS);

                // The first message after the database's return: the send has gone on (at the capped rate).
                Awaitility.await()
                        .atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> mail.delivered("reader", "example.com", MEMBERS) > beforeBack);
                double resumedAfter = (System.nanoTime() - back) / 1e9;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> herald.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                double finishedAfter = (System.nanoTime() - back) / 1e9;
                int duplicates = ProdSend.assertEveryoneOnce(herald, postgres, mail, send, MEMBERS, POOL);
                // The workers that held outcomes wrote them once PostgreSQL was back.
                String log = Files.readString(work.resolve("node.log"));
                assertThat(log).contains("The ledger is written again after");
                // Every batch run the outage failed queued its next run itself: none waited for the watchdog.
                assertThat(log).doesNotContain("had open rows and no job");
                System.out.printf(
                        "database loss: %d delivered when PostgreSQL stopped, %d while it was down, "
                                + "%d duplicates (bound %d), went on %.1f s and finished %.1f s after it was back%n",
                        atStop, whileDown, duplicates, POOL, resumedAfter, finishedAfter);
            }
        } finally {
            postgres.close();
            mail.close();
        }
    }

    /** Keeps its data across a stop (zonky deletes a "clean" data directory when it stops). */
    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
