package io.herald.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import io.herald.config.HeraldConfig;
import io.herald.support.Api;
import io.herald.support.ScriptedRelayProfile;
import io.herald.support.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops pause, resume and cancel a running send and watch it over Server-Sent Events; a node started again after a crash
 * marks sent what its ledger journal says the relay had accepted.
 */
@QuarkusTest
@TestProfile(ScriptedRelayProfile.class)
class SendControlTest {

    static final ScriptedSmtpServer RELAY = ScriptedRelayProfile.RELAY;
    static final int MEMBERS = 60;

    @Inject
    LedgerJournal journal;

    @Inject
    ClaimOwner owner;

    @Inject
    HeraldConfig config;

    @Inject
    DataSource dataSource;

    /** Messages the relay takes before it holds the rest of a send, so that ops act on a send still running. */
    static final int TAKEN_BEFORE_HOLD = 4;

    @AfterEach
    void fast() {
        RELAY.release();
        RELAY.dataDelay(0);
    }

    private static long start(String title) {
        RELAY.rule((address, attempt) -> null);
        long article = Api.postArticle(title, "BERN – Slow.");
        return Api.startSend("{\"article\":" + article + ",\"list\":\"slow\"}");
    }

    private static JsonPath report(long id) {
        return Api.ops().get("/api/sends/" + id).jsonPath();
    }

    @Test
    void pauseStopsAndResumeFinishesWithoutDuplicates() {
        int before = total();
        RELAY.holdAfter(TAKEN_BEFORE_HOLD);
        long id = start("Paused and resumed");
        awaitHeld();
        Api.ops().post("/api/sends/" + id + "/pause").then().statusCode(200);
        RELAY.release();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sending") == 0);
        JsonPath paused = report(id);
        assertThat(paused.getString("status")).isEqualTo("paused");
        assertThat(paused.getLong("sent")).isBetween((long) TAKEN_BEFORE_HOLD + 1, (long) MEMBERS - 1);
        Api.ops().post("/api/sends/" + id + "/pause").then().statusCode(409);

        Api.ops().post("/api/sends/" + id + "/resume").then().statusCode(200);
        JsonPath done = Api.awaitFinished(id).jsonPath();
        assertThat(done.getLong("sent")).isEqualTo(MEMBERS);
        assertThat(total() - before).isEqualTo(MEMBERS);
    }

    @Test
    void cancelSendsNothingMore() {
        int before = total();
        RELAY.holdAfter(TAKEN_BEFORE_HOLD);
        long id = start("Cancelled midway");
        awaitHeld();
        Api.ops().post("/api/sends/" + id + "/cancel").then().statusCode(200);
        RELAY.release();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> report(id).getLong("sending") == 0);
        JsonPath cancelled = report(id);
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getLong("cancelled")).isPositive();
        assertThat(cancelled.getLong("sent") + cancelled.getLong("cancelled")).isEqualTo(MEMBERS);
        assertThat(total() - before).isEqualTo(cancelled.getLong("sent"));
        Api.ops().post("/api/sends/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void progressStreamsUntilTheSendIsFinished() {
        RELAY.dataDelay(5);
        long id = start("Watched live");
        String events = Api.ops()
                .accept("text/event-stream")
                .get("/api/sends/" + id + "/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(events).contains("data:");
        String last = events.substring(events.lastIndexOf("data:"));
        assertThat(last)
                .contains("\"status\":\"finished\"")
                .contains("\"sent\":" + MEMBERS)
                .contains("\"rate\"");
    }

    @Test
    void aNodeStartedAgainMarksSentWhatItsJournalSaysTheRelayAccepted() throws Exception {
        long id = start("Journal replayed");
        Api.awaitFinished(id);
        Path journals = Path.of(config.dataDir(), "ledger-journal");
        String thisRun = owner.journalName();
        // Every outcome of the send is in the database: nothing of this run is left in the journal.
        assertThat(journalFiles(journals, thisRun)).isEmpty();

        // An earlier run of this node, killed after the relay took three messages and before their rows were written:
        // the rows still pending and its journal, as the kill left them. The third row was recorded by another node
        // since (it took the batch over), the kill cut the last line short, and the rest of the mapped segment is
        // zeros.
        String node = thisRun.substring(0, thisRun.indexOf('.'));
        String earlier = node + ":zzzzzz:w1";
        List<Long> ids = rowIds(id, 3);
        for (long row : ids) {
            setRow(row, row == ids.get(2) ? "failed_temporary" : "pending");
        }
        Files.createDirectories(journals);
        Path file = journals.resolve(node + ".zzzzzz.0.journal");
        Files.writeString(
                file,
                ids.get(0) + " " + earlier + " <a@news.example.com>\n" + ids.get(1) + " " + earlier + " -\n"
                        + ids.get(2) + " " + earlier + " <c@news.example.com>\n" + ids.get(2) + " " + earlier
                        + " <c@news.exam" + "\0".repeat(4096));
        try {
            assertThat(journal.replay()).isEqualTo(2);
            assertThat(row(ids.get(0))).isEqualTo("sent|" + LedgerJournal.REPLAYED + "|<a@news.example.com>|2");
            assertThat(row(ids.get(1))).isEqualTo("sent|" + LedgerJournal.REPLAYED + "|null|2");
            assertThat(row(ids.get(2))).isEqualTo("failed_temporary|null|null|1");
            assertThat(file).doesNotExist();
        } finally {
            setRow(ids.get(2), "sent");
        }
    }

    /**
     * The journal's lines go into a mapped segment of a fixed size, read back as written; a line that no longer fits
     * opens the next segment, and each segment's file goes once all its lines are in the database.
     */
    @Test
    void journalLinesFillSegmentsThatGoOnceTheirLinesAreWritten() throws Exception {
        Path journals = Path.of(config.dataDir(), "ledger-journal");
        String thisRun = owner.journalName();
        String claim = thisRun.replace('.', ':') + ":w9";
        String messageId = "<" + "m".repeat(90) + "@news.example.com>";
        List<LedgerJournal.Segment> lines = new java.util.ArrayList<>();
        long row = 9_000_000_000L;
        while (journalFiles(journals, thisRun).size() < 2) {
            DeliveryRows.Claimed claimed = new DeliveryRows.Claimed(row++, claim, 0, null, null, 0, null, null, 0);
            lines.add(journal.accepted(claimed, messageId));
        }
        // <node>.<run>.<n>.journal, in the order of n
        List<Path> files = journalFiles(journals, thisRun).stream()
                .sorted(java.util.Comparator.comparingInt(
                        f -> Integer.parseInt(f.getFileName().toString().split("\\.")[2])))
                .toList();
        String first = Files.readString(files.get(0));
        String line = "9000000000 " + claim + " " + messageId + "\n";
        assertThat(files.get(0)).hasSize(LedgerJournal.SEGMENT_BYTES);
        assertThat(first).startsWith(line);
        assertThat(first.substring(0, first.lastIndexOf('\n') + 1).split("\n"))
                .hasSize(lines.size() - 1)
                .allMatch(l -> LedgerJournal.parse(l) != null);
        assertThat(first.substring(first.lastIndexOf('\n') + 1)).matches("\0+");
        assertThat(Files.readString(files.get(1))).startsWith((row - 1) + " " + claim + " " + messageId + "\n");

        // The first segment's lines are written: its file goes, the second stays for its one line.
        journal.written(lines.subList(0, lines.size() - 1));
        assertThat(journalFiles(journals, thisRun)).containsExactly(files.get(1));
        journal.written(lines.subList(lines.size() - 1, lines.size()));
        assertThat(journalFiles(journals, thisRun)).isEmpty();
    }

    /** The relay took its messages and holds at least one more: the send is under way and cannot end by itself. */
    private static void awaitHeld() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RELAY.passedSinceHold() > TAKEN_BEFORE_HOLD);
    }

    private List<Long> rowIds(long send, int n) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM delivery WHERE send_id = ? ORDER BY id FETCH FIRST " + n + " ROWS ONLY")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Puts a sent row into {@code state}, with no reply or Message-ID and one attempt, as one attempt leaves it. */
    private void setRow(long row, String state) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = ?, last_reply = NULL, "
                        + "message_id = NULL, attempts = 1 WHERE id = ?")) {
            ps.setString(1, state);
            ps.setLong(2, row);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String row(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, last_reply, message_id, attempts FROM delivery WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4);
            }
        }
    }

    private static List<Path> journalFiles(Path journals, String run) throws Exception {
        if (!Files.isDirectory(journals)) {
            return List.of();
        }
        try (var files = Files.list(journals)) {
            return files.filter(f -> f.getFileName().toString().startsWith(run + "."))
                    .toList();
        }
    }

    private static int total() {
        // The slow list's readers are reader1..reader60; reader0 is not on it and counts 0.
        return RELAY.delivered("reader", "slow.example", MEMBERS + 1);
    }
}
