package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.Distribution;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.herald.support.MovableClock;
import io.herald.support.SendBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list with {@code deliver-at: "08:00 local"}: each reader's copy leaves at 08:00 on their own clock, in the 24 hours
 * after the send starts, through the ledger. Readers' zones come from the members file (Tokyo, New York), the signup
 * form (Kolkata), or the list's zone (London) when they have none or one Herald cannot read. Herald's clock is one
 * the test moves; at each step the test runs the send's batches itself, as their Quartz jobs would at that hour, and
 * checks the mailboxes and the ledger.
 */
@QuarkusTest
class LocalTimeDeliveryTest {

    static final String LIST = "local-morning";
    static final Pattern CONFIRM = Pattern.compile("https://news\\.example\\.org(/subscribe/confirm\\?t=\\S+)");

    @InjectGreenMail
    GreenMail mail;

    @Inject
    Distribution distribution;

    @Inject
    DataSource dataSource;

    @Test
    void eachReaderGetsTheEditionAtEightOnTheirOwnClock() throws Exception {
        // December 1st, 00:30 UTC: no summer time in any of the zones.
        MovableClock clock = MovableClock.installNextYear(12, 1, 0, 30);
        Instant start = clock.instant();

        // A reader signs up on the form, which carries the zone their browser reported.
        String kolkata = "kolkata@morning.example";
        given().contentType("application/x-www-form-urlencoded")
                .formParam("email", kolkata)
                .formParam("list", LIST)
                .formParam("time-zone", "Asia/Kolkata")
                .post("/subscribe")
                .then()
                .statusCode(200);
        Matcher link = CONFIRM.matcher(
                Mailboxes.part(Mailboxes.await(mail, kolkata, null, 1).get(0), "text/plain"));
        assertThat(link.find()).isTrue();
        String path = link.group(1);
        assertThat(io.herald.support.Forms.submit(
                                path,
                                "/subscribe/confirm",
                                "t",
                                java.net.URLDecoder.decode(
                                        path.substring(path.indexOf("t=") + 2),
                                        java.nio.charset.StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Api.ops().get("/api/subscribers/" + kolkata).jsonPath().getString("timeZone"))
                .isEqualTo("Asia/Kolkata");

        // An import whose zone Herald cannot read keeps the reader, at the list's hour, and says so.
        JsonPath imported = Api.ops()
                .contentType("text/csv; charset=UTF-8")
                .body("email,name,time zone\nmars@morning.example,Mars Reader,Mars/Olympus_Mons\n")
                .post("/api/lists/" + LIST + "/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(imported.getInt("added")).isEqualTo(1);
        assertThat(imported.getList("rejected")).isEmpty();
        assertThat(imported.getString("remarks[0].reason")).contains("Mars/Olympus_Mons", "list's time zone");
        assertThat(imported.getInt("remarks[0].line")).isEqualTo(2);

        long article = Api.postArticle(
                "Morning Story About the Night Train to Almaty",
                "ASTANA – The night train now leaves at ten. It reaches Almaty by morning.");
        long send = Api.startSend("{\"article\":" + article + ",\"list\":\"" + LIST + "\"}");
        // Its first run (a Quartz job now) finds nobody due yet: everyone waits for their hour.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "sending"
                        .equals(Api.ops().get("/api/sends/" + send).jsonPath().getString("status")));
        JsonPath report = Api.ops().get("/api/sends/" + send).jsonPath();
        assertThat(report.getLong("dueLater")).isEqualTo(5);
        assertThat(report.getLong("sent")).isZero();
        assertThat(Instant.parse(report.getString("nextRelease"))).isEqualTo(start.plus(Duration.ofMinutes(120)));
        String opsPage = Api.ops().get("/ops").then().statusCode(200).extract().asString();
        assertThat(org.jsoup.Jsoup.parse(opsPage)
                        .selectFirst("#send-" + send + " [data-field=due-later]")
                        .text())
                .startsWith("5 due later");

        // 08:00 in Kolkata (UTC+5:30), London (the list's zone, also Mars), New York (UTC-5), Tokyo (UTC+9).
        Map<Instant, List<String>> releases = new LinkedHashMap<>();
        releases.put(start.plus(Duration.ofMinutes(120)), List.of(kolkata));
        releases.put(start.plus(Duration.ofMinutes(450)), List.of("london@morning.example", "mars@morning.example"));
        releases.put(start.plus(Duration.ofMinutes(750)), List.of("newyork@morning.example"));
        releases.put(start.plus(Duration.ofMinutes(1350)), List.of("tokyo@morning.example"));
        List<String> everyone = releases.values().stream().flatMap(List::stream).toList();

        List<String> released = new ArrayList<>();
        for (Map.Entry<Instant, List<String>> release : releases.entrySet()) {
            // A minute before the hour: running the batches sends nobody new.
            clock.set(release.getKey().minusSeconds(60));
            SendBatches.runAll(dataSource, distribution, send);
            assertThat(received(everyone)).as("before %s", release.getKey()).isEqualTo(released);
            clock.set(release.getKey());
            SendBatches.runAll(dataSource, distribution, send);
            released.addAll(release.getValue());
            // Each run hands the send's next batch to Quartz, whose job runs at once beside the test and may be
            // the one that sends this hour's readers: their mail is waited for (the ledger below says once each).
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(received(everyone))
                            .as("at %s", release.getKey())
                            .isEqualTo(released));
        }

        // The ledger: each row was due at its reader's hour, in release order, and went out once.
        Map<String, Instant> due = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.email, d.next_attempt, d.state, d.attempts "
                        + "FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.send_id = ? "
                        + "ORDER BY d.id")) {
            ps.setLong(1, send);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.put(
                            rs.getString(1),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                    assertThat(rs.getString(3)).as(rs.getString(1)).isEqualTo("sent");
                    assertThat(rs.getInt(4)).as(rs.getString(1)).isEqualTo(1);
                }
            }
        }
        Map<String, Instant> expected = new LinkedHashMap<>();
        releases.forEach((at, readers) -> readers.forEach(r -> expected.put(r, at)));
        assertThat(due).containsExactlyInAnyOrderEntriesOf(expected);
        // Ids follow the releases: a batch holds readers released together.
        assertThat(new ArrayList<>(due.values())).isSorted();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "finished"
                        .equals(Api.ops().get("/api/sends/" + send).jsonPath().getString("status")));
        assertThat(Api.ops().get("/api/sends/" + send).jsonPath().getLong("dueLater"))
                .isZero();
    }

    @Test
    void aTimeZoneHeraldCannotReadIsRefusedWithItsField() {
        given().contentType("application/json")
                .body("{\"email\":\"zone@morning.example\",\"lists\":[\"" + LIST + "\"],\"timeZone\":\"GMT+5\"}")
                .post("/subscribe")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.is("timeZone"))
                .body("detail", org.hamcrest.Matchers.containsString("not a time zone name"));
        // The form asks for the zone only because this list delivers at a local hour, and says at which.
        String form = given().get("/subscribe").then().statusCode(200).extract().asString();
        assertThat(org.jsoup.Jsoup.parse(form).selectFirst("input#time-zone[data-browser-zone]"))
                .isNotNull();
        assertThat(form).contains("Editions arrive at 08:00 where you are.");
    }

    /** The readers who have the edition, once per message each received, in the order of {@code readers}. */
    private List<String> received(List<String> readers) {
        List<String> got = new ArrayList<>();
        for (String reader : readers) {
            Mailboxes.withSubject(mail, reader, "Morning Story About the Night Train to Almaty")
                    .forEach(m -> got.add(reader));
        }
        return got;
    }
}
