package io.herald.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.herald.support.HeraldProcess;
import io.herald.support.ListFiles;
import io.herald.support.ScriptedSmtpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM mid-send: the node gives back what it claimed and did not send, stops, and on its next start finishes the
 * send; every reader gets the digest once.
 */
class GracefulShutdownIT {

    static final int MEMBERS = 400;

    @Test
    void aStoppedNodeLosesNobodyAndSendsNothingTwice() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "shutdown-it"));
        ListFiles.generate(work.resolve("subscribers"), "calm", "Calm", "calm", MEMBERS, false);
        Path data = work.resolve("data-" + System.nanoTime());

        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.dataDelay(10);
            Map<String, String> env = new HashMap<>();
            env.put("HERALD_DATA_DIR", data.toAbsolutePath().toString());
            env.put("HERALD_MAIL_EMBEDDED_SINK", "false");
            env.put("HERALD_SMTP_HOST", "127.0.0.1");
            env.put("HERALD_SMTP_PORT", String.valueOf(relay.port()));
            env.put("HERALD_SAMPLE_ENABLED", "false");
            env.put("HERALD_DELIVERY_BATCH_SIZE", "50");
            env.put(
                    "HERALD_SUBSCRIBERS_DIR",
                    work.resolve("subscribers").toAbsolutePath().toString());
            env.put(
                    "HERALD_TEMPLATES_DIR",
                    Path.of("templates").toAbsolutePath().toString());
            Path app = Path.of("target", "quarkus-app");
            long send;
            try (HeraldProcess first = HeraldProcess.start(app, env, work.resolve("first.log"))) {
                var posted = first.post(
                        "/api/articles",
                        "application/json",
                        "{\"title\":\"Calm story\",\"body\":\"BAKU – A story for four hundred readers.\"}");
                long article = HeraldProcess.id(posted.body());
                send = HeraldProcess.id(
                        first.post("/api/sends", "application/json", "{\"article\":" + article + ",\"list\":\"calm\"}")
                                .body());
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> relay.delivered("calm", "example.com", MEMBERS) >= 60);
                int exit = first.terminate(Duration.ofSeconds(30));
                System.out.printf(
                        "graceful stop: exit %d with %d of %d received%n",
                        exit, relay.delivered("calm", "example.com", MEMBERS), MEMBERS);
                assertThat(relay.delivered("calm", "example.com", MEMBERS)).isLessThan(MEMBERS);
            }
            try (HeraldProcess second = HeraldProcess.start(app, env, work.resolve("second.log"))) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> second.get("/api/sends/" + send).body().contains("\"status\":\"finished\""));
                assertThat(second.get("/api/sends/" + send).body())
                        .contains("\"sent\":" + MEMBERS)
                        .contains("\"pending\":0")
                        .contains("\"sending\":0");
            }
            for (int i = 0; i < MEMBERS; i++) {
                assertThat(relay.delivered("calm" + i + "@example.com"))
                        .as("calm" + i)
                        .isEqualTo(1);
            }
        }
    }
}
