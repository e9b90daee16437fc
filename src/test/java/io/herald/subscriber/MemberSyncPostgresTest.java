package io.herald.subscriber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.StorageForTests;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members file and the CSV import on the production database, over several chunks: the chunk's keys go to
 * PostgreSQL as arrays, the tables are analyzed as they grow, and every count comes out as on H2.
 */
class MemberSyncPostgresTest {

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    static DataSource ds;
    static MemberImports imports;
    static Suppressions suppressions;
    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final int READERS = 12_500;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        ds = POSTGRES.dataSource();
        MailingLists lists = new MailingLists(ds);
        lists.upsert(
                new MailingList(
                        "wire",
                        "Wire",
                        "Wire <wire@example.org>",
                        null,
                        null,
                        ZoneId.of("UTC"),
                        MailingList.Mode.PER_ARTICLE),
                NOW);
        ErasedAddresses erased = new ErasedAddresses(StorageForTests.appSecrets(ds));
        imports = new MemberImports(ds, lists, erased);
        suppressions = new Suppressions(ds, erased);
    }

    @Test
    void aFileOfSeveralChunksSyncsAndAnImportUpdatesOnPostgres() throws Exception {
        // 12,500 readers (thirteen chunks), one listed twice far apart: reported once, stored once.
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            rows.add("reader" + i + "@wire.example,Reader " + i);
        }
        rows.add(12_400, "reader7@wire.example,Reader Seven Again");
        // A bad row in the next chunk, read while the chunk before it is written: reported after the repeat.
        rows.add(12_410, "not-an-address,Broken");
        List<FileProblem> problems = new ArrayList<>();
        MemberImports.SyncReport first = sync(rows, problems);
        assertThat(first).isEqualTo(new MemberImports.SyncReport(READERS, 0));
        assertThat(problems).extracting(FileProblem::line).containsExactly(12_402L, 12_412L);
        assertThat(problems.get(0).reason()).contains("listed twice");
        assertThat(problems.get(1).reason()).contains("not-an-address");
        assertThat(active()).isEqualTo(READERS);
        // The tables were analyzed once the sync had written 10,000 rows: the planner knows about that size.
        assertThat(plannerRows("membership")).isGreaterThanOrEqualTo(10_000);

        // The next file drops the first 500 (but reader7, whose second row stays), renames reader500 and adds 100,
        // one of which was erased meanwhile.
        try (Connection c = ds.getConnection()) {
            suppressions.replaceWithErasedKey(c, "reader12550@wire.example", NOW);
        }
        List<String> next = new ArrayList<>(rows.subList(500, rows.size()));
        next.set(0, "reader500@wire.example,Reader Five Hundred");
        for (int i = READERS; i < READERS + 100; i++) {
            next.add("reader" + i + "@wire.example,Reader " + i);
        }
        problems.clear();
        MemberImports.SyncReport second = sync(next, problems);
        assertThat(second).isEqualTo(new MemberImports.SyncReport(99, 499));
        assertThat(problems)
                .extracting(FileProblem::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("not-an-address"),
                        r -> assertThat(r).contains("erased"));
        assertThat(active()).isEqualTo(READERS - 499 + 99);
        assertThat(name("reader500@wire.example")).isEqualTo("Reader Five Hundred");

        // An API import: one renamed, one unchanged, one of those the file removed comes back, one new.
        Path csv = dir.resolve("import.csv");
        Files.writeString(
                csv,
                "email,name\nreader600@wire.example,Reader Six Hundred\nreader601@wire.example,Reader 601\n"
                        + "reader3@wire.example,Reader 3\nnew.one@wire.example,New One\n");
        MemberImports.ImportReport report = imports.importCsv("wire", csv, new SubscriberFileReader(), NOW);
        assertThat(report.added()).isEqualTo(2);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.rejected()).isEmpty();
        assertThat(active()).isEqualTo(READERS - 499 + 99 + 2);
        // Every reader who joined or came back has a "listed" event, each removed one a "removed" event.
        assertThat(one("SELECT count(*) FROM consent_event WHERE list_id = 'wire' AND event = 'listed'"))
                .isEqualTo(READERS + 99 + 2);
        assertThat(one("SELECT count(*) FROM consent_event WHERE list_id = 'wire' AND event = 'removed'"))
                .isEqualTo(499);
        assertThat(one("SELECT count(*) FROM consent_event WHERE event = 'listed' "
                        + "AND subscriber_id IN (SELECT id FROM subscriber WHERE email = 'reader3@wire.example')"))
                .as("reader3: listed by the first file, removed by the second, listed again by the import")
                .isEqualTo(2);
    }

    private MemberImports.SyncReport sync(List<String> rows, List<FileProblem> problems) throws Exception {
        Path file = dir.resolve("members.csv");
        Files.writeString(file, "email,name\n" + String.join("\n", rows) + "\n");
        return imports.sync(
                        "wire",
                        file,
                        Long.toString(System.nanoTime()),
                        false,
                        new SubscriberFileReader(),
                        "file",
                        NOW,
                        problems)
                .orElseThrow();
    }

    private static long active() throws Exception {
        return one("SELECT count(*) FROM membership WHERE list_id = 'wire' AND state = 'active'");
    }

    private static long plannerRows(String table) throws Exception {
        return one("SELECT reltuples::bigint FROM pg_class WHERE relname = '" + table + "'");
    }

    private static String name(String email) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name FROM subscriber WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long one(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
