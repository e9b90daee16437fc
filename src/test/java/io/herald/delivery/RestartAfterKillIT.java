package io.herald.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
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
 * One Herald process on a real PostgreSQL, killed with SIGKILL mid-send and started again under the same node name,
 * with the default five-minute lease: the batches it had leased go on as soon as it is back, not when the lease
 * ends, and everyone gets the edition once: the messages the relay had accepted and the dead process had not written to
 * the database are in its ledger journal, so at most the one message each connection had in flight goes out twice.
 */
class RestartAfterKillIT {

    static final int MEMBERS = 3000;
    static final int POOL = 4;
    static final int FLUSH = 10;

    @Test
    void aNodeStartedAgainSendsWhatItHadClaimedWithoutWaitingForTheLease() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "restart-it"));
        ListFiles.generate(work.resolve("subscribers"), "bulk", "Bulk", "reader", MEMBERS, true);
        ScriptedSmtpServer mail = new ScriptedSmtpServer();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env =
                    new HashMap<>(ProdSend.env(postgres, mail, work.resolve("subscribers"), POOL, FLUSH, 150));
            env.put("HERALD_SCHEDULE_DELIVERY_LEASE", "5m");
            env.put("HERALD_DELIVERY_NODE_ID", "restart-node");
            Path app = Path.of("target", "quarkus-app-prod");
            Killed killed = sendAndKill(app, env, work, mail, "Restart story");
            long send = killed.send();
            int atKill = killed.atKill();
            // The rows the dead process held: pending in the batches it leased, for five more minutes.
            String orphans = ids(postgres, send);
            assertThat(orphans).isNotEmpty();
            try (HeraldProcess again = HeraldProcess.start(app, env, work.resolve("again.log"))) {
                long ready = System.nanoTime();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> notSent(postgres, orphans) == 0);
                double back = (System.nanoTime() - ready) / 1e9;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> again.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                double finished = (System.nanoTime() - ready) / 1e9;
                int duplicates = ProdSend.assertEveryoneOnce(again, postgres, mail, send, MEMBERS, POOL);
                System.out.printf(
                        "restart after kill: %d received at the kill, %d rows pending in the dead process's batches; they were"
                                + " sent %.1f s after the node was ready again (lease 5 min), the send finished after"
                                + " %.1f s, %d duplicates (bound %d)%n",
                        atKill, orphans.split(",").length, back, finished, duplicates, POOL);
                assertThat(back)
                        .as("seconds from ready until the dead run's rows were sent")
                        .isLessThanOrEqualTo(15);
                assertThat(Files.readString(work.resolve("again.log")))
                        .contains("this node (restart-node) was sending when it stopped go on now")
                        // The schema was current: the start read Flyway's history itself and left Flyway out.
                        .contains("Database schema at version", "as this build ships it")
                        .doesNotContain("org.flywaydb");
            }
        } finally {
            mail.close();
        }
    }

    /**
     * The embedded default (H2 in a data folder, the packaged app as the quick start runs it): killed and started
     * again, it sends what it had claimed at once, and what it had committed survives the kill.
     */
    @Test
    void theEmbeddedDefaultStartedAgainDoesTheSame() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "restart-it-h2"));
        ListFiles.generate(work.resolve("subscribers"), "bulk", "Bulk", "reader", MEMBERS, true);
        Path data = work.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        ScriptedSmtpServer mail = new ScriptedSmtpServer();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("HERALD_DATA_DIR", data.toAbsolutePath().toString());
            env.put("HERALD_MAIL_EMBEDDED_SINK", "false");
            env.put("HERALD_SAMPLE_ENABLED", "false");
            env.put("HERALD_SMTP_HOST", "127.0.0.1");
            env.put("HERALD_SMTP_PORT", String.valueOf(mail.port()));
            env.put("HERALD_SMTP_POOL_SIZE", String.valueOf(POOL));
            env.put("HERALD_SMTP_MAX_PER_SECOND", "150");
            env.put("HERALD_DELIVERY_BATCH_SIZE", "100");
            env.put("HERALD_DELIVERY_LEDGER_FLUSH", String.valueOf(FLUSH));
            env.put("HERALD_SCHEDULE_DELIVERY_LEASE", "5m");
            env.put("HERALD_DELIVERY_NODE_ID", "embedded-node");
            env.put(
                    "HERALD_SUBSCRIBERS_DIR",
                    work.resolve("subscribers").toAbsolutePath().toString());
            env.put(
                    "HERALD_TEMPLATES_DIR",
                    Path.of("templates").toAbsolutePath().toString());
            env.put("HERALD_PUBLIC_URL", "https://news.example.com");
            Path app = Path.of("target", "quarkus-app");
            Killed killed = sendAndKill(app, env, work, mail, "Embedded restart story");
            long send = killed.send();
            int atKill = killed.atKill();
            try (HeraldProcess again = HeraldProcess.start(app, env, work.resolve("again.log"))) {
                long ready = System.nanoTime();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> again.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                double finished = (System.nanoTime() - ready) / 1e9;
                int duplicates = ProdSend.assertEveryoneOnce(again, null, mail, send, MEMBERS, POOL);
                System.out.printf(
                        "restart after kill (embedded H2): %d received at the kill, the send finished %.1f s after"
                                + " the node was ready again (lease 5 min), %d duplicates (bound %d)%n",
                        atKill, finished, duplicates, POOL);
                assertThat(Files.readString(work.resolve("again.log")))
                        .contains("this node (embedded-node) was sending when it stopped go on now")
                        // The schema was current: the start read Flyway's history itself and left Flyway out.
                        .contains("Database schema at version", "as this build ships it")
                        .doesNotContain("org.flywaydb");
            }
        } finally {
            mail.close();
        }
    }

    private record Killed(long send, int atKill) {}

    /**
     * Starts a node, sends to the bulk list, kills the node with SIGKILL once a fifth of the readers have the edition,
     * and lifts the rate limit in {@code env} for the next start, so the time that start takes is the time the rows
     * wait, not the sending.
     */
    private static Killed sendAndKill(
            Path app, Map<String, String> env, Path work, ScriptedSmtpServer mail, String title) throws Exception {
        try (HeraldProcess first = HeraldProcess.start(app, env, work.resolve("first.log"))) {
            long send = ProdSend.start(first, title, "bulk");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> mail.delivered("reader", "example.com", MEMBERS) >= MEMBERS / 5);
            first.kill();
            env.put("HERALD_SMTP_MAX_PER_SECOND", "0");
            return new Killed(send, mail.delivered("reader", "example.com", MEMBERS));
        }
    }

    /** The ids of the send's pending rows in batches a worker leases, comma-separated. */
    private static String ids(EmbeddedPostgres postgres, long send) throws Exception {
        StringBuilder ids = new StringBuilder();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT d.id FROM delivery d JOIN send_batch b ON b.send_id = d.send_id "
                                + "AND d.id BETWEEN b.first_id AND b.last_id WHERE d.send_id = " + send
                                + " AND d.state = 'pending' AND b.claim IS NOT NULL")) {
            while (rs.next()) {
                ids.append(ids.length() == 0 ? "" : ",").append(rs.getLong(1));
            }
        }
        return ids.toString();
    }

    private static long notSent(EmbeddedPostgres postgres, String ids) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM delivery WHERE id IN (" + ids + ") AND state <> 'sent'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
