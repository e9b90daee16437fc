package io.herald.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the process tests (ClusterKillIT, DatabaseLossIT) share: the prod build's environment for a bulk send on
 * PostgreSQL through a scripted relay, starting that send, and the checks that nobody was lost, duplicates stayed
 * within the in-flight bound and every ledger row ended sent.
 */
public final class ProdSend {

    private ProdSend() {}

    /** Environment for nodes sharing one PostgreSQL, sending through {@code relay} at most perSecond a second. */
    public static Map<String, String> env(
            EmbeddedPostgres postgres, ScriptedSmtpServer relay, Path subscribers, int pool, int flush, int perSecond) {
        Map<String, String> env = new HashMap<>();
        env.put("HERALD_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("HERALD_DB_USER", "postgres");
        env.put("HERALD_DB_PASSWORD", "postgres");
        env.put("HERALD_SMTP_HOST", "127.0.0.1");
        env.put("HERALD_SMTP_PORT", String.valueOf(relay.port()));
        env.put("HERALD_SMTP_POOL_SIZE", String.valueOf(pool));
        env.put("HERALD_SMTP_MAX_PER_SECOND", String.valueOf(perSecond));
        env.put("HERALD_DELIVERY_BATCH_SIZE", "100");
        env.put("HERALD_DELIVERY_LEDGER_FLUSH", String.valueOf(flush));
        env.put("HERALD_SCHEDULE_DELIVERY_LEASE", "5s");
        env.put("HERALD_SUBSCRIBERS_DIR", subscribers.toAbsolutePath().toString());
        env.put(
                "HERALD_DATA_DIR",
                subscribers.toAbsolutePath().resolveSibling("data").toString());
        env.put("HERALD_TEMPLATES_DIR", Path.of("templates").toAbsolutePath().toString());
        env.put("HERALD_PUBLIC_URL", "https://news.example.com");
        return env;
    }

    /** Posts an article and starts its send to the list; returns the send's id. */
    public static long start(HeraldProcess node, String title, String list) throws Exception {
        var posted = node.post(
                "/api/articles",
                "application/json",
                "{\"title\":\"" + title + "\",\"body\":\"ANKARA – A story for " + list + ".\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        var started = node.post(
                "/api/sends",
                "application/json",
                "{\"article\":" + HeraldProcess.id(posted.body()) + ",\"list\":\"" + list + "\",\"dryRun\":false}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return HeraldProcess.id(started.body());
    }

    /**
     * The send's report says all sent, every reader reader0..reader(n-1)@example.com got it, duplicates are within
     * {@code bound}, and no ledger row is anything but sent ({@code postgres} null: the embedded H2, read through
     * the report only). Returns the duplicates.
     */
    public static int assertEveryoneOnce(
            HeraldProcess node, EmbeddedPostgres postgres, ScriptedSmtpServer relay, long send, int members, int bound)
            throws Exception {
        String report = node.get("/api/sends/" + send).body();
        assertThat(report)
                .contains("\"total\":" + members)
                .contains("\"sent\":" + members)
                .contains("\"pending\":0")
                .contains("\"sending\":0")
                .contains("\"failed\":0");
        for (int i = 0; i < members; i++) {
            assertThat(relay.delivered("reader" + i + "@example.com"))
                    .as("reader" + i)
                    .isPositive();
        }
        int duplicates = relay.delivered("reader", "example.com", members) - members;
        assertThat(duplicates).isBetween(0, bound);
        if (postgres == null) {
            // The embedded H2 file is the running node's alone: its report above has the ledger's counts.
            return duplicates;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT COUNT(*) FROM delivery WHERE send_id = " + send + " AND state <> 'sent'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        return duplicates;
    }
}
