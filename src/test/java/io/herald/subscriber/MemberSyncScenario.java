package io.herald.subscriber;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.herald.storage.StorageForTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members file and the CSV import over several chunks, on each database (subclasses): the chunk's keys go to the
 * database as arrays, the first thousand rows on one writer, the rest on two, each address always on the same one;
 * every count comes out the same.
 */
abstract class MemberSyncScenario {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final int READERS = 12_500;

    DataSource ds;
    MemberImports imports;
    Suppressions suppressions;

    @TempDir
    Path dir;

    /** A migrated database of the subclass's, empty. */
    abstract DataSource database();

    /** Checks that the planner learnt the tables' size as the sync wrote them (PostgreSQL; H2 counts as it goes). */
    abstract void assertAnalyzedAtLeast(long rows) throws Exception;

    @BeforeEach
    void start() throws Exception {
        ds = database();
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
        imports = new MemberImports(ds, lists, erased, 2);
        suppressions = new Suppressions(ds, erased);
    }

    @Test
    void aFileOfSeveralChunksSyncsAndAnImportUpdates() throws Exception {
        // 12,500 readers (thirteen chunks), one of the first chunk and one of the later ones listed twice far apart:
        // each reported once, stored once.
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            rows.add("reader" + i + "@wire.example,Reader " + i);
        }
        rows.add(12_400, "reader7@wire.example,Reader Seven Again");
        rows.add(12_450, "reader5000@wire.example,Reader Five Thousand Again");
        // A bad row in the next chunk, read while the chunk before it is written: reported after the repeat.
        rows.add(12_410, "not-an-address,Broken");
        List<FileProblem> problems = new ArrayList<>();
        MemberImports.SyncReport first = sync(rows, problems);
        assertThat(first).isEqualTo(new MemberImports.SyncReport(READERS, 0));
        assertThat(problems).extracting(FileProblem::line).containsExactly(12_402L, 12_412L, 12_453L);
        assertThat(problems.get(0).reason()).contains("listed twice");
        assertThat(problems.get(1).reason()).contains("not-an-address");
        assertThat(problems.get(2).reason()).contains("reader5000@wire.example is listed twice");
        assertThat(name("reader5000@wire.example")).isEqualTo("Reader 5000");
        assertThat(name("reader7@wire.example")).isEqualTo("Reader 7");
        assertThat(active()).isEqualTo(READERS);
        // The tables were analyzed once the sync had written 10,000 rows: the planner knows about that size.
        assertAnalyzedAtLeast(10_000);

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
                        r -> assertThat(r).contains("reader5000@wire.example is listed twice"),
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

    @Test
    void aPoolThatLendsNoSecondConnectionLeavesTheImportOnOne() throws Exception {
        MailingLists lists = new MailingLists(ds);
        lists.upsert(
                new MailingList(
                        "pool",
                        "Pool",
                        "Pool <pool@example.org>",
                        null,
                        null,
                        ZoneId.of("UTC"),
                        MailingList.Mode.PER_ARTICLE),
                NOW);
        AtomicInteger asked = new AtomicInteger();
        DataSource oneConnection = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && asked.incrementAndGet() > 1) {
                        throw new SQLException("the pool has no connection left");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        MemberImports onOne =
                new MemberImports(oneConnection, lists, new ErasedAddresses(StorageForTests.appSecrets(ds)), 2);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append("pooled")
                    .append(i)
                    .append("@wire.example,Pooled ")
                    .append(i)
                    .append('\n');
        }
        Path file = dir.resolve("pool.csv");
        Files.writeString(file, csv);

        MemberImports.ImportReport report = onOne.importCsv("pool", file, new SubscriberFileReader(), NOW);

        // The second connection was asked for once, after the first thousand rows, and refused: all went on one.
        assertThat(asked).hasValue(2);
        assertThat(report.added()).isEqualTo(3_000);
        assertThat(report.rejected()).isEmpty();
        assertThat(one("SELECT count(*) FROM membership WHERE list_id = 'pool' AND state = 'active'"))
                .isEqualTo(3_000);
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

    private long active() throws Exception {
        return one("SELECT count(*) FROM membership WHERE list_id = 'wire' AND state = 'active'");
    }

    private String name(String email) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name FROM subscriber WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    long one(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
