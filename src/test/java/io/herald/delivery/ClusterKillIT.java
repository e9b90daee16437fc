package io.herald.delivery;

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
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = ProdSend.env(postgres, mail, work.resolve("subscribers"), POOL, FLUSH, 150);
            Path app = Path.of("target", "quarkus-app-prod");
            try (HeraldProcess a = HeraldProcess.start(app, env, work.resolve("node-a.log"));
                    HeraldProcess b = HeraldProcess.start(app, env, work.resolve("node-b.log"))) {
                long send = ProdSend.start(a, "Cluster story", "bulk");

                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> mail.delivered("reader", "example.com", MEMBERS) >= MEMBERS / 5);
                a.kill();
                int atKill = mail.delivered("reader", "example.com", MEMBERS);

                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> b.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                int duplicates = ProdSend.assertEveryoneOnce(b, postgres, mail, send, MEMBERS, POOL * FLUSH);
                System.out.printf(
                        "cluster kill: %d received when node A was killed, %d duplicates (bound %d)%n",
                        atKill, duplicates, POOL * FLUSH);
            }
        } finally {
            mail.close();
        }
    }
}
