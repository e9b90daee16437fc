package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.Distribution;
import io.herald.support.Api;
import io.herald.support.Forms;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.herald.support.MovableClock;
import io.herald.support.SendBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A send that tests two subjects on 40% of a ten-reader list: each subject reaches two readers; people click the
 * second subject's links, a link scanner clicks every link of the first's; when the test's hour is up (on a clock the
 * test moves) the second subject goes to the six other readers. Checked against the mailboxes (one email each, never
 * two) and the ledger (each row's variant), and the report's figures and decision.
 */
@QuarkusTest
class SubjectTestTest {

    static final String LIST = "subject-test";
    static final String FIRST = "The night train is back";
    static final String SECOND = "Almaty by morning: the new night train";
    static final Pattern CLICK_LINK = Pattern.compile("href=\"https://news\\.example\\.org(/r/[^\"]+)\"");

    @InjectGreenMail
    GreenMail mail;

    @Inject
    Distribution distribution;

    @Inject
    DataSource dataSource;

    @Test
    void theSubjectMorePeopleClickedGoesToTheRestAndNobodyGetsTwo() throws Exception {
        MovableClock clock = MovableClock.installNextYear(12, 2, 9, 0);
        Instant start = clock.instant();
        List<String> readers = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "reader" + i + "@subject.example")
                .toList();

        long article = Api.postArticle(
                "Subject Test Story About the Night Train",
                "ASTANA – The night train to Almaty runs again from Friday. It leaves at ten and arrives by morning.");
        long send = Api.startSend("{\"article\":" + article + ",\"list\":\"" + LIST + "\",\"subjects\":[\"" + FIRST
                + "\",\"" + SECOND + "\"],\"testShare\":40,\"testMinutes\":60}");

        // The sample goes now: 4 readers, 2 per subject.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> received(readers).size() == 4);
        Map<String, MimeMessage> sample = received(readers);
        Map<String, List<String>> bySubject = new HashMap<>();
        for (Map.Entry<String, MimeMessage> e : sample.entrySet()) {
            bySubject
                    .computeIfAbsent(e.getValue().getSubject(), s -> new ArrayList<>())
                    .add(e.getKey());
        }
        assertThat(bySubject.keySet()).containsExactlyInAnyOrder(FIRST, SECOND);
        assertThat(bySubject.get(FIRST)).hasSize(2);
        assertThat(bySubject.get(SECOND)).hasSize(2);
        JsonPath during = Api.ops().get("/api/sends/" + send).jsonPath();
        assertThat(during.getInt("subjectTest.variants[0].readers")).isEqualTo(2);
        assertThat(during.getInt("subjectTest.variants[1].readers")).isEqualTo(2);
        assertThat(during.getInt("subjectTest.restReaders")).isEqualTo(6);
        assertThat(during.getInt("subjectTest.winner")).isZero();
        assertThat(during.getLong("dueLater")).isEqualTo(6);

        // People click the second subject's email (two people, three clicks); one person clicks the first's, and a
        // link scanner opens every link of the other copy of the first.
        List<String> second = links(sample.get(bySubject.get(SECOND).get(0)));
        assertThat(second.get(0)).matches("/r/\\d+/\\dv2/.+");
        click(second.get(0), "Mozilla/5.0 (X11; Linux x86_64) Reader-A");
        click(second.get(1), "Mozilla/5.0 (X11; Linux x86_64) Reader-A");
        click(links(sample.get(bySubject.get(SECOND).get(1))).get(0), "Mozilla/5.0 (iPhone) Reader-B");
        List<String> first = links(sample.get(bySubject.get(FIRST).get(0)));
        assertThat(first.get(0)).matches("/r/\\d+/\\dv1/.+");
        click(first.get(0), "Mozilla/5.0 (Macintosh) Reader-C");
        for (String link : links(sample.get(bySubject.get(FIRST).get(1)))) {
            click(link, "python-requests/2.31");
        }
        // A variant link whose signature was made for another variant leads nowhere.
        given().redirects()
                .follow(false)
                .get(first.get(0).replaceFirst("v1/", "v2/"))
                .then()
                .statusCode(404);

        // A minute before the test's end nobody else gets it; at its end the rest get the second subject.
        Instant until = start.plus(Duration.ofMinutes(60));
        clock.set(until.minusSeconds(60));
        SendBatches.runAll(dataSource, distribution, send);
        assertThat(received(readers)).hasSize(4);
        clock.set(until);
        SendBatches.runAll(dataSource, distribution, send);
        Map<String, MimeMessage> all = received(readers);
        assertThat(all).hasSize(10);
        for (String reader : readers) {
            assertThat(Mailboxes.withSubject(mail, reader, null)).as(reader).hasSize(1);
            String expected = bySubject.get(FIRST).contains(reader) ? FIRST : SECOND;
            assertThat(all.get(reader).getSubject()).as(reader).isEqualTo(expected);
        }
        // The rest's links are the edition's own, not the test's.
        String restReader =
                readers.stream().filter(r -> !sample.containsKey(r)).findFirst().orElseThrow();
        assertThat(links(all.get(restReader)).get(0)).matches("/r/\\d+/\\d+/.+");

        // The ledger: 2 rows per subject, 6 outside the test, each sent once.
        Map<Integer, Integer> variants = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(variant, 0), state, attempts FROM delivery WHERE send_id = ?")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    variants.merge(rs.getInt(1), 1, Integer::sum);
                    assertThat(rs.getString(2)).isEqualTo("sent");
                    assertThat(rs.getInt(3)).isEqualTo(1);
                }
            }
        }
        assertThat(variants).containsExactlyInAnyOrderEntriesOf(Map.of(0, 6, 1, 2, 2, 2));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "finished"
                        .equals(Api.ops().get("/api/sends/" + send).jsonPath().getString("status")));
        JsonPath report = Api.ops().get("/api/sends/" + send).jsonPath();
        assertThat(report.getInt("subjectTest.winner")).isEqualTo(2);
        assertThat(report.getInt("subjectTest.variants[0].people")).isEqualTo(1);
        assertThat(report.getInt("subjectTest.variants[1].people")).isEqualTo(2);
        assertThat(report.getInt("subjectTest.variants[1].clicks")).isEqualTo(3);
        assertThat(report.getInt("subjectTest.restDelivered")).isEqualTo(6);
        assertThat(report.getString("subjectTest.decision"))
                .isEqualTo("Subject 2 (\"" + SECOND + "\") won: 2 of 2 readers who got it clicked (100.0%), against 1"
                        + " of 2 (50.0%) for subject 1. Only people's clicks count, not machines' or opens.");
        // The send's page shows the same.
        String page = Api.ops()
                .get("/ops/sends/" + send)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        var doc = org.jsoup.Jsoup.parse(page);
        assertThat(doc.select("#subject-test tbody tr")).hasSize(2);
        assertThat(doc.selectFirst("#subject-test tr.winner").text()).contains(SECOND, "2 of 2", "100.0%");
        assertThat(doc.selectFirst("#subject-decision").text()).startsWith("Subject 2");
    }

    @Test
    void aSubjectTestAsksForTwoToFourSubjectsAndAListThatCountsClicks() {
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":1,\"list\":\"" + LIST + "\",\"subjects\":[\"Only one\"]}")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .body("errors[0].field", containsString("subjects"))
                .body("errors[0].reason", containsString("2 to 4 subjects"));
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":1,\"list\":\"" + LIST + "\",\"testShare\":20}")
                .post("/api/sends")
                .then()
                .statusCode(400)
                .body("errors[0].reason", containsString("give subjects too"));
        long article = Api.postArticle("Untracked Subject Story", "ASTANA – A story for a list that counts nothing.");
        Api.ops()
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"insight-off\",\"subjects\":[\"A\",\"B\"]}")
                .post("/api/sends")
                .then()
                .statusCode(422)
                .body("errors[0].field", containsString("subjects"))
                .body("errors[0].reason", containsString("counts no clicks"));

        // The ops console: the confirm page offers the test; the same rules refuse what cannot run.
        assertThat(Forms.submitAs(Api::ops, "/ops", "/ops/dry-run", "article", article, "list", LIST)
                        .asString())
                .contains("id=\"subject-test\"", "name=\"subject\"", "name=\"test-share\"");
        assertThat(opsSend(article, LIST, "Only one")).contains("2 to 4 subjects");
        assertThat(opsSend(article, LIST, "A", "B", "test-share", "a lot")).contains("1 to 90 percent");
        assertThat(opsSend(article, "insight-off", "A", "B")).contains("counts no clicks");
    }

    /** Posts the confirm form with these subjects; returns where the console sends the browser, decoded. */
    private static String opsSend(long article, String list, String... subjects) {
        List<Object> params = new ArrayList<>(List.of("article", article, "list", list));
        for (int i = 0; i < subjects.length; i++) {
            // "test-share", "a lot": a field of the test's own; anything else is a subject.
            if (subjects[i].startsWith("test-")) {
                params.add(subjects[i]);
                params.add(subjects[++i]);
            } else {
                params.add("subject");
                params.add(subjects[i]);
            }
        }
        var answer = Forms.submitAs(Api::ops, "/ops", "/ops/sends", params.toArray());
        assertThat(answer.statusCode()).isEqualTo(303);
        return java.net.URLDecoder.decode(answer.header("Location"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void click(String path, String userAgent) {
        given().redirects()
                .follow(false)
                .header("User-Agent", userAgent)
                .get(path)
                .then()
                .statusCode(302);
    }

    /** The counted links of a message's HTML part, in order. */
    private static List<String> links(MimeMessage message) throws Exception {
        List<String> links = new ArrayList<>();
        Matcher m = CLICK_LINK.matcher(Mailboxes.part(message, "text/html"));
        while (m.find()) {
            if (!links.contains(m.group(1))) {
                links.add(m.group(1));
            }
        }
        assertThat(links).hasSizeGreaterThan(1);
        return links;
    }

    /** The edition each reader received so far (a reader with two would be caught by the caller's counts). */
    private Map<String, MimeMessage> received(List<String> readers) {
        Map<String, MimeMessage> got = new HashMap<>();
        for (String reader : readers) {
            List<MimeMessage> messages = Mailboxes.withSubject(mail, reader, null);
            assertThat(messages).as(reader).hasSizeLessThanOrEqualTo(1);
            if (!messages.isEmpty()) {
                got.put(reader, messages.get(0));
            }
        }
        return got;
    }
}
