package io.herald.judges;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Herald's emails as received by a real mail server, judged by programs nobody here wrote: SpamAssassin, dkimpy's
 * verifier, Python's MIME parser and headless Chromium. Runs in the judges profile, after .ci/run installed them.
 */
@QuarkusTest
@TestProfile(JudgeProfile.class)
@Tag("judge")
class OutsideJudgesTest {

    static final String READER = "reader@judges.example";
    /** The Russian list's reader (a person has one name, so another address than the English lists' reader). */
    static final String RU_READER = "reader.ru@judges.example";

    static final String SEED_SUBJECT = "Kazakhstan, Türkiye Seek to Enhance Strategic Partnership";
    static final String EDITION_SUBJECT = "City Council Approves New Tram Line to the Airport and 4 more stories";
    /** A day of 25 stories (digest-style auto): whole stories, then summaries, under the budget. */
    static final String DAY_SUBJECT = "Rail Freight: What Changes for Readers in the Capital… and 24 more stories";
    /** The Russian sample to a list in Russian: Cyrillic subject, name and text, Russian words of Herald's own. */
    static final String RU_SUBJECT = "Казахстан и Турция запустят новый грузовой маршрут через Каспий";

    /** Per message of {@link #messages()}: its subject, its To header as decoded, the first line of its text. */
    static final List<List<String>> EXPECTED = List.of(
            List.of(SEED_SUBJECT, "Ada Reader <" + READER + ">", "Dear Ada Reader,"),
            List.of(EDITION_SUBJECT, "Ada Reader <" + READER + ">", "Dear Ada Reader,"),
            List.of(DAY_SUBJECT, "Ada Reader <" + READER + ">", "Dear Ada Reader,"),
            List.of(RU_SUBJECT, "Айгерим Сейтова <" + RU_READER + ">", "Здравствуйте, Айгерим Сейтова!"));

    @InjectGreenMail
    GreenMail mail;

    /**
     * The seed digest, a five-article edition, a 25-story day and the Russian sample to a Russian list, as the mail
     * server received them, saved under target/judges.
     */
    List<Path> messages() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(
                received("seed", SEED_SUBJECT, List.of(post("astana-times-tokayev-kurtulmus.txt")), "judges", READER));
        List<Long> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(post("judges-" + i + ".txt"));
        }
        files.add(received("edition", EDITION_SUBJECT, five, "judges", READER));
        List<Long> day = new ArrayList<>();
        for (String story : io.herald.support.LongDay.stories()) {
            day.add(Api.editor()
                    .contentType("text/plain; charset=UTF-8")
                    .body(story.getBytes(StandardCharsets.UTF_8))
                    .post("/api/articles")
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("id"));
        }
        files.add(received("day", DAY_SUBJECT, day, "judges", READER));
        String russian;
        try (java.io.InputStream in = OutsideJudgesTest.class
                .getClassLoader()
                .getResourceAsStream("sample/astana-times-middle-corridor-ru.txt")) {
            russian = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        files.add(received("ru", RU_SUBJECT, List.of(Api.postText(russian)), "ru-readers", RU_READER));
        return files;
    }

    private static long post(String fixture) throws Exception {
        byte[] text = Files.readAllBytes(Path.of("src/test/resources/fixtures/articles", fixture));
        return Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(text)
                .post("/api/articles")
                .then()
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private Path received(String name, String subject, List<Long> articles, String list, String reader)
            throws Exception {
        if (Mailboxes.withSubject(mail, reader, subject).isEmpty()) {
            String ids = articles.stream()
                    .map(String::valueOf)
                    .reduce((a, b) -> a + "," + b)
                    .orElseThrow();
            long send = Api.startSend("{\"articles\":[" + ids + "],\"list\":\"" + list + "\"}");
            Api.awaitFinished(send);
        }
        MimeMessage message = Mailboxes.await(mail, reader, subject, 1).get(0);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        Path file = JudgeProfile.DIR.resolve(name + ".eml");
        Files.write(file, raw.toByteArray());
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/html")) {
                Files.writeString(JudgeProfile.DIR.resolve(name + ".html"), (String) part.getContent());
            }
        }
        return file;
    }

    @Test
    void spamAssassinScoresEachEmailAtMostZero() throws Exception {
        Pattern score = Pattern.compile("X-Spam-Status: \\w+, score=(-?[\\d.]+)");
        for (Path message : messages()) {
            Judges.Verdict verdict = Judges.run(message, "spamassassin", "-L", "-t");
            Matcher m = score.matcher(verdict.output());
            assertThat(m.find())
                    .as("SpamAssassin's verdict on " + message + ":\n" + verdict.output())
                    .isTrue();
            System.out.printf(
                    "spamassassin %s: score %s%n%s%n",
                    message.getFileName(),
                    m.group(1),
                    verdict.output().substring(verdict.output().indexOf("Content analysis details")));
            assertThat(Double.parseDouble(m.group(1))).as(verdict.output()).isLessThanOrEqualTo(0.0);
        }
    }

    @Test
    void dkimSignaturesVerifyIndependently() throws Exception {
        for (Path message : messages()) {
            String raw = Files.readString(message, StandardCharsets.UTF_8);
            String headers = raw.substring(0, raw.indexOf("\r\n\r\n")).replaceAll("\r\n\\s+", " ");
            assertThat(headers).contains("DKIM-Signature:");
            String signed = headers.substring(headers.indexOf("DKIM-Signature:"));
            signed = signed.substring(0, signed.contains("\r\n") ? signed.indexOf("\r\n") : signed.length());
            // Tags in any order (RFC 6376 3.2: a tag list is unordered).
            List<String> tags = java.util.Arrays.stream(
                            signed.substring("DKIM-Signature:".length()).split(";"))
                    .map(String::strip)
                    .toList();
            assertThat(tags).contains("v=1", "a=rsa-sha256", "c=relaxed/relaxed", "d=example.org", "s=judges");
            String h = tags.stream().filter(t -> t.startsWith("h=")).findFirst().orElseThrow();
            assertThat(h.toLowerCase().replace(" ", ""))
                    .contains(
                            "from",
                            "to",
                            "subject",
                            "date",
                            "message-id",
                            "list-id",
                            "list-unsubscribe",
                            "list-unsubscribe-post",
                            "mime-version",
                            "content-type");
            Judges.Verdict verdict = Judges.run(
                    null,
                    "/usr/bin/python3",
                    Judges.script("verify_dkim.py").toString(),
                    message.toString(),
                    JudgeProfile.RECORD.toString());
            System.out.printf("dkimpy %s: %s", message.getFileName(), verdict.output());
            assertThat(verdict.exit()).as(verdict.output()).isZero();
            assertThat(verdict.output()).contains("dkim pass");
        }
    }

    /** A message built in full (test sends, confirmation mails) is signed from its bytes: dkimpy checks that too. */
    @Test
    void aFullyBuiltMessageIsSignedToo() throws Exception {
        io.herald.subscriber.MailingList list = new io.herald.subscriber.MailingList(
                "judges",
                "The Morning Brief",
                "The Astana Times <news@example.org>",
                null,
                null,
                java.time.ZoneId.of("UTC"),
                io.herald.subscriber.MailingList.Mode.PER_ARTICLE);
        MimeMessage built = builder.build(
                new io.herald.digest.RenderedEmail(
                        "Kurtulmuş in Astana",
                        "<p>Türkiye and Kazakhstan.</p>\n<p>.A line with a dot.</p>\n",
                        "Türkiye and Kazakhstan.\n.A dot.\n"),
                list,
                new io.herald.delivery.MessageBuilder.To(7, READER, "Ada Reader"),
                "https://news.example.org/u/7",
                new io.herald.delivery.MessageBuilder.MessageKey("judges-built", 7, java.time.Instant.now()));
        dkim.sign(built);
        Path file = Path.of("target", "judges", "built.eml");
        try (var out = Files.newOutputStream(file)) {
            built.writeTo(out);
        }
        Judges.Verdict verdict = Judges.run(
                null,
                "/usr/bin/python3",
                Judges.script("verify_dkim.py").toString(),
                file.toString(),
                JudgeProfile.RECORD.toString());
        System.out.printf("dkimpy %s: %s", file.getFileName(), verdict.output());
        assertThat(verdict.output()).contains("dkim pass");
    }

    @jakarta.inject.Inject
    io.herald.delivery.MessageBuilder builder;

    @jakarta.inject.Inject
    io.herald.delivery.DkimSigning dkim;

    @Test
    void pythonsMimeParserReadsEveryPart() throws Exception {
        List<Path> messages = messages();
        for (int i = 0; i < messages.size(); i++) {
            Judges.Verdict verdict = Judges.run(
                    null,
                    "/usr/bin/python3",
                    Judges.script("parse_mime.py").toString(),
                    messages.get(i).toString());
            System.out.printf("python email %s:%n%s", messages.get(i).getFileName(), verdict.output());
            assertThat(verdict.exit()).as(verdict.output()).isZero();
            assertThat(verdict.output())
                    .contains("subject: " + EXPECTED.get(i).get(0))
                    .contains("from: The Astana Times <news@example.org>")
                    .contains("to: " + EXPECTED.get(i).get(1))
                    .contains("content-type: multipart/alternative")
                    .contains("part: text/plain utf-8")
                    .contains("part: text/html utf-8")
                    .contains("list-unsubscribe: <https://news.example.org/unsubscribe?t=")
                    .contains("list-unsubscribe-post: List-Unsubscribe=One-Click")
                    .contains("text-starts: " + EXPECTED.get(i).get(2))
                    .contains("defects: 0");
            assertThat(Files.readString(messages.get(i), StandardCharsets.UTF_8))
                    .contains("\r\nPrecedence: bulk\r\n")
                    .contains("\r\nContent-Language: " + (i == 3 ? "ru" : "en") + "\r\n");
            assertThat(verdict.output().indexOf("part: text/plain"))
                    .isLessThan(verdict.output().indexOf("part: text/html"));
        }
    }

    @Test
    void chromiumShowsNoHorizontalScrollAt375And600() throws Exception {
        messages();
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory("chromium-judge"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            for (String name : List.of("seed", "edition", "day", "ru")) {
                for (int width : List.of(375, 600)) {
                    browser.manage().window().setSize(new Dimension(width, 1000));
                    browser.get(JudgeProfile.DIR
                            .resolve(name + ".html")
                            .toAbsolutePath()
                            .toUri()
                            .toString());
                    long inner = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
                    long scroll = (Long) ((JavascriptExecutor) browser)
                            .executeScript("return document.documentElement.scrollWidth;");
                    long height = (Long) ((JavascriptExecutor) browser)
                            .executeScript("return document.documentElement.scrollHeight;");
                    browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 120, 6000)));
                    Files.write(
                            shots.resolve(name + "-" + width + ".png"),
                            ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                    System.out.printf(
                            "chromium %s at %d px: scrollWidth %d, innerWidth %d%n", name, width, scroll, inner);
                    assertThat(scroll).as(name + " at " + width + " px").isLessThanOrEqualTo(inner);
                }
            }
            // Reader pages in Russian (the last a link that leads nowhere): the page says its language, and long
            // Cyrillic words do not push it sideways.
            for (String page : List.of("/subscribe?lang=ru", "/?lang=ru", "/articles/999999?lang=ru")) {
                for (int width : List.of(375, 600)) {
                    browser.manage().window().setSize(new Dimension(width, 1000));
                    browser.get("http://localhost:" + io.restassured.RestAssured.port + page);
                    JavascriptExecutor js = (JavascriptExecutor) browser;
                    assertThat(js.executeScript("return document.documentElement.lang;"))
                            .isEqualTo("ru");
                    long inner = (Long) js.executeScript("return window.innerWidth;");
                    long scroll = (Long) js.executeScript("return document.documentElement.scrollWidth;");
                    System.out.printf(
                            "chromium %s at %d px: scrollWidth %d, innerWidth %d%n", page, width, scroll, inner);
                    assertThat(scroll).as(page + " at " + width + " px").isLessThanOrEqualTo(inner);
                }
            }
            // The signup form asks for the reader's time zone (a list of the fixtures delivers at a local hour) and
            // fills it in from the browser's own, for the reader to confirm.
            for (String zone : List.of("Asia/Tokyo", "America/New_York")) {
                browser.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", zone));
                browser.get("http://localhost:" + io.restassured.RestAssured.port + "/subscribe");
                String filled = browser.findElement(org.openqa.selenium.By.id("time-zone"))
                        .getAttribute("value");
                System.out.printf("chromium /subscribe in %s: the form's time zone reads %s%n", zone, filled);
                assertThat(filled).isEqualTo(zone);
            }
        } finally {
            browser.quit();
        }
    }
}
