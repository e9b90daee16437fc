package io.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.herald.support.HeraldProcess;
import io.herald.support.ListFiles;
import io.herald.support.ScriptedSmtpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two real Herald processes share one send through Quartz's clustered job store on a real PostgreSQL; one is killed
 * with SIGKILL mid-send and the other finishes it: everyone gets the digest, duplicates stay within the messages a
 * node can have sent but not yet recorded, and every ledger row ends final.
 */
class ClusterKillIT {

    static final int MEMBERS = 3000;
    static final int POOL = 4;
    static final int FLUSH = 10;

    @Test
    void aNodeKilledMidSendLosesNobody() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "cluster-it"));
        ListFiles.generate(work.resolve("subscribers"), "bulk", "Bulk", "reader", MEMBERS, true);

        // The scripted relay, not GreenMail: a SIGKILL resets connections mid-command, which GreenMail's handler
        // threads report as uncaught errors; this relay just counts what it accepted, per recipient.
        ScriptedSmtpServer mail = new ScriptedSmtpServer();
        int smtpPort = mail.port();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = new HashMap<>();
            env.put("HERALD_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("HERALD_DB_USER", "postgres");
            env.put("HERALD_DB_PASSWORD", "postgres");
            env.put("HERALD_SMTP_HOST", "127.0.0.1");
            env.put("HERALD_SMTP_PORT", String.valueOf(smtpPort));
            env.put("HERALD_SMTP_POOL_SIZE", String.valueOf(POOL));
            env.put("HERALD_SMTP_MAX_PER_SECOND", "150");
            env.put("HERALD_DELIVERY_BATCH_SIZE", "100");
            env.put("HERALD_DELIVERY_LEDGER_FLUSH", String.valueOf(FLUSH));
            env.put("HERALD_SCHEDULE_DELIVERY_LEASE", "5s");
            env.put("HERALD_SUBSCRIBERS_DIR", work.resolve("subscribers").toAbsolutePath().toString());
            env.put("HERALD_TEMPLATES_DIR", Path.of("templates").toAbsolutePath().toString());
            env.put("HERALD_PUBLIC_URL", "https://news.example.com");
            Path app = Path.of("target", "quarkus-app-prod");
            try (HeraldProcess a = HeraldProcess.start(app, env, work.resolve("node-a.log"));
                    HeraldProcess b = HeraldProcess.start(app, env, work.resolve("node-b.log"))) {
                var posted = a.post("/api/articles", "application/json",
                        "{\"title\":\"Cluster story\",\"body\":\"ANKARA – A story for three thousand readers.\"}");
                assertThat(posted.statusCode()).isEqualTo(201);
                long article = HeraldProcess.id(posted.body());
                var started = a.post("/api/sends", "application/json",
                        "{\"article\":" + article + ",\"list\":\"bulk\",\"dryRun\":false}");
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                long send = HeraldProcess.id(started.body());

                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> mail.delivered("reader", "example.com", MEMBERS) >= MEMBERS / 5);
                a.kill();
                int atKill = mail.delivered("reader", "example.com", MEMBERS);

                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> b.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                String report = b.get("/api/sends/" + send).body();
                assertThat(report).contains("\"total\":" + MEMBERS).contains("\"sent\":" + MEMBERS)
                        .contains("\"pending\":0").contains("\"sending\":0").contains("\"failed\":0");

                for (int i = 0; i < MEMBERS; i++) {
                    assertThat(mail.delivered("reader" + i + "@example.com")).as("reader" + i).isPositive();
                }
                int duplicates = mail.delivered("reader", "example.com", MEMBERS) - MEMBERS;
                System.out.printf("cluster kill: %d received when node A was killed, %d duplicates (bound %d)%n",
                        atKill, duplicates, POOL * FLUSH);
                assertThat(duplicates).isBetween(0, POOL * FLUSH);

                try (Connection c = postgres.getPostgresDatabase().getConnection();
                        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM delivery WHERE send_id = "
                                + send + " AND state NOT IN ('sent')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        } finally {
            mail.close();
        }
    }



}
