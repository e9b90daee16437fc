package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of sends (GET /api/sends) on a real PostgreSQL, whose parameters must each have a type even when they are
 * null: every filter left out, each one given, and the cursor.
 */
class SendListOnPostgresTest {

    @Test
    void sendsArePagedAndFilteredAsOnH2() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            pagedAndFiltered(postgres.getPostgresDatabase());
        }
    }

    private static void pagedAndFiltered(DataSource ds) throws Exception {
        SchemaMigrations.flyway(ds).migrate();
        long a1 = send(ds, "list-a", "finished", "2026-11-30T08:00:00Z");
        long a2 = send(ds, "list-a", "sending", null);
        long b1 = send(ds, "list-b", "finished", "2026-11-30T09:00:00Z");
        SendHistory history = new SendHistory(ds);

        assertThat(history.sends(null, null, null, 10))
                .extracting(SendHistory.SendRow::id)
                .containsExactly(b1, a2, a1);
        assertThat(history.sends(b1, null, null, 10))
                .extracting(SendHistory.SendRow::id)
                .containsExactly(a2, a1);
        assertThat(history.sends(null, null, null, 2)).hasSize(2);
        List<SendHistory.SendRow> finishedOfA = history.sends(null, "list-a", SendStatus.FINISHED, 10);
        assertThat(finishedOfA).extracting(SendHistory.SendRow::id).containsExactly(a1);
        SendHistory.SendRow row = finishedOfA.get(0);
        assertThat(row.list()).isEqualTo("list-a");
        assertThat(row.status()).isEqualTo(SendStatus.FINISHED);
        assertThat(row.dryRun()).isFalse();
        assertThat(row.startedBy()).isEqualTo("ops");
        assertThat(row.finishedAt()).isEqualTo(java.time.Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(history.sends(null, null, SendStatus.SENDING, 10))
                .extracting(SendHistory.SendRow::id)
                .containsExactly(a2);

        assertThat(history.sendCount(null, null)).isEqualTo(3);
        assertThat(history.sendCount("list-a", null)).isEqualTo(2);
        assertThat(history.sendCount(null, SendStatus.FINISHED)).isEqualTo(2);
        assertThat(history.sendCount("list-b", SendStatus.SENDING)).isZero();
    }

    /** A send of a list (made with its edition on first use) in that status; its id. */
    private static long send(DataSource ds, String list, String status, String finishedAt) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailing_list (id, name, from_address, mode, "
                    + "synced_at) VALUES (?, ?, 'news@example.org', 'digest', now()) ON CONFLICT DO NOTHING")) {
                ps.setString(1, list);
                ps.setString(2, list);
                ps.executeUpdate();
            }
            long edition;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO edition (list_id, dedupe_key, created_at) VALUES (?, ?, now()) RETURNING id")) {
                ps.setString(1, list);
                ps.setString(2, list + "-" + System.nanoTime());
                var rs = ps.executeQuery();
                rs.next();
                edition = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO send (edition_id, list_id, dry_run, status, "
                    + "started_by, created_at, finished_at) VALUES (?, ?, FALSE, ?, 'ops', now(), "
                    + "CAST(? AS TIMESTAMP WITH TIME ZONE)) RETURNING id")) {
                ps.setLong(1, edition);
                ps.setString(2, list);
                ps.setString(3, status);
                ps.setString(4, finishedAt);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
