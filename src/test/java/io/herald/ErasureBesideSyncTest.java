package io.herald;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.herald.storage.StorageForTests;
import io.herald.subscriber.FileProblem;
import io.herald.subscriber.MemberImports;
import io.herald.subscriber.SubscriberFileReader;
import io.herald.subscriber.SubscribersForTests;
import io.herald.support.MigratedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.herald.support.SqlProbes.number;
import static io.herald.support.SqlProbes.waitingForALock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reader erased while a members file's sync is writing their membership. On PostgreSQL the erasure waits for the
 * sync's chunk and erases what it wrote (it used to fail on the membership's foreign key once the chunk committed).
 * H2 checks foreign keys without locks: the erasure goes through, and the chunk, once committed, leaves a membership
 * and its consent event behind without their reader, ids only. The next sync, whose file still lists the address,
 * reports it as erased and takes that membership off the list like any other the file no longer names, so that the
 * list's figures do not count it. The second test is the other order: an erasure that commits after an import chunk
 * looked the reader up.
 */
class ErasureBesideSyncTest {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final String ERASED = "erased@wire.example";

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aReaderErasedWhileAFileListsThemLeavesTheListsSyncWorking(String database) throws Exception {
        boolean postgres = database.equals("postgresql");
        DataSource ds = postgres ? POSTGRES.dataSource() : h2();
        MigratedPostgres.listWithEdition(ds, "wire", 1);
        MemberImports imports = SubscribersForTests.memberImports(ds, 1);
        assertThat(sync(imports, "first", "stays@wire.example", "other@wire.example"))
                .isEqualTo(new MemberImports.SyncReport(2, 0));
        // The reader to be erased is known already (a signup to another list, say).
        long erased = number(ds, "SELECT id FROM subscriber WHERE email = 'other@wire.example'");
        exec(ds, "UPDATE subscriber SET email = '" + ERASED + "' WHERE id = " + erased);
        exec(ds, "DELETE FROM membership WHERE subscriber_id = " + erased);

        CompletableFuture<Boolean> erasure;
        try (Connection chunk = ds.getConnection()) {
            // What a sync's chunk writes for a known reader it lists anew, not yet committed.
            chunk.setAutoCommit(false);
            for (String sql : List.of(
                    "INSERT INTO membership (list_id, subscriber_id, state, source, changed_at, sync_id) "
                            + "VALUES ('wire', ?, 'active', 'file', CURRENT_TIMESTAMP, 7)",
                    "INSERT INTO consent_event (list_id, subscriber_id, event, source, at) "
                            + "VALUES ('wire', ?, 'listed', 'file', CURRENT_TIMESTAMP)")) {
                try (PreparedStatement ps = chunk.prepareStatement(sql)) {
                    ps.setLong(1, erased);
                    ps.executeUpdate();
                }
            }
            PersonalDataRequests requests = PersonalDataRequestsForTests.on(ds);
            erasure = CompletableFuture.supplyAsync(() -> {
                try {
                    return requests.erase(ERASED, NOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // PostgreSQL's erasure waits for the chunk's hold on the reader; H2's goes through.
            await().atMost(Duration.ofSeconds(30)).until(() -> postgres ? waitingForALock(ds) > 0 : erasure.isDone());
            chunk.commit();
        }
        assertThat(erasure.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(number(ds, "SELECT COUNT(*) FROM subscriber WHERE id = " + erased))
                .isZero();
        if (postgres) {
            assertThat(number(ds, "SELECT COUNT(*) FROM membership WHERE subscriber_id = " + erased))
                    .isZero();
        }

        List<FileProblem> problems = new ArrayList<>();
        MemberImports.SyncReport next = sync(imports, "next", problems, "stays@wire.example", ERASED);

        assertThat(next).isEqualTo(new MemberImports.SyncReport(0, postgres ? 0 : 1));
        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("erased"));
        assertThat(number(ds, "SELECT COUNT(*) FROM membership WHERE state = 'active' AND subscriber_id = " + erased))
                .isZero();
        assertThat(number(ds, "SELECT COUNT(*) FROM consent_event WHERE event = 'removed'"))
                .isEqualTo(postgres ? 0 : 1);
        assertThat(number(ds, "SELECT COUNT(*) FROM membership WHERE list_id = 'wire' AND state = 'active'"))
                .isEqualTo(1);
    }

    /**
     * The other order, on PostgreSQL: an import has looked the reader up (known, not erased) when their erasure
     * commits; the chunk's new membership then fails its foreign key. The chunk is written again, finds the address
     * erased and reports it with its line; the rest of the file loads. The import used to fail whole.
     */
    @Test
    void aReaderErasedAfterAnImportLookedThemUpIsReportedAsErased() throws Exception {
        DataSource ds = POSTGRES.dataSource();
        MigratedPostgres.listWithEdition(ds, "desk", 2);
        MigratedPostgres.listWithEdition(ds, "elsewhere", 3);
        exec(ds, "INSERT INTO subscriber (email, created_at) VALUES ('late@desk.example', CURRENT_TIMESTAMP)");
        exec(
                ds,
                "INSERT INTO membership (list_id, subscriber_id, state, source, changed_at) SELECT 'elsewhere', id, "
                        + "'active', 'signup', CURRENT_TIMESTAMP FROM subscriber WHERE email = 'late@desk.example'");
        long reader = number(ds, "SELECT id FROM subscriber WHERE email = 'late@desk.example'");
        Path csv = dir.resolve("import.csv");
        Files.writeString(csv, "email,name\nnew@desk.example,New\nlate@desk.example,Late\n");
        MemberImports imports = SubscribersForTests.memberImports(ds, 1);

        CompletableFuture<Boolean> erasure;
        CompletableFuture<MemberImports.ImportReport> imported;
        try (Connection holder = ds.getConnection();
                var s = holder.createStatement()) {
            holder.setAutoCommit(false);
            // The erasure, with the reader locked and their rows deleted, waits here to record the erased key.
            s.execute("LOCK TABLE suppression IN EXCLUSIVE MODE");
            PersonalDataRequests requests = PersonalDataRequestsForTests.on(ds);
            erasure = CompletableFuture.supplyAsync(() -> {
                try {
                    return requests.erase("late@desk.example", NOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(ds) == 1);
            // The import finds the reader known and not erased, and waits for the erasure at their new membership.
            imported = CompletableFuture.supplyAsync(() -> {
                try {
                    return imports.importCsv("desk", csv, new SubscriberFileReader(), NOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(ds) == 2);
            holder.commit();
        }
        assertThat(erasure.get(30, TimeUnit.SECONDS)).isTrue();
        MemberImports.ImportReport report = imported.get(30, TimeUnit.SECONDS);

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.rejected()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).contains("erased");
        });
        assertThat(number(ds, "SELECT COUNT(*) FROM subscriber WHERE id = " + reader))
                .isZero();
        assertThat(number(ds, "SELECT COUNT(*) FROM membership WHERE subscriber_id = " + reader))
                .isZero();
        assertThat(number(
                        ds,
                        "SELECT COUNT(*) FROM membership m JOIN subscriber s ON s.id = m.subscriber_id "
                                + "WHERE m.list_id = 'desk' AND s.email = 'new@desk.example' AND m.state = 'active'"))
                .isEqualTo(1);
    }

    private MemberImports.SyncReport sync(MemberImports imports, String fingerprint, String... addresses)
            throws Exception {
        List<FileProblem> problems = new ArrayList<>();
        MemberImports.SyncReport report = sync(imports, fingerprint, problems, addresses);
        assertThat(problems).isEmpty();
        return report;
    }

    private MemberImports.SyncReport sync(
            MemberImports imports, String fingerprint, List<FileProblem> problems, String... addresses)
            throws Exception {
        Path file = dir.resolve("members.csv");
        Files.writeString(file, "email,name\n" + String.join("\n", addresses) + "\n");
        return imports.sync("wire", file, fingerprint, false, new SubscriberFileReader(), "file", NOW, problems)
                .orElseThrow();
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:erasure-beside-sync-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        StorageForTests.migrate(h2);
        return h2;
    }

    private static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
