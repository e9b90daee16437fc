package io.herald.judges;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.GreenMailResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editors' preview and the ops console in Debian's headless Chromium, as people use them: sign in with the form,
 * look, click. Screenshots go to target/screenshots/ for people to look at.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
@TestProfile(JudgeProfile.class)
@Tag("judge")
class BrowserConsoleTest {

    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    ChromeDriver browser;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(SHOTS);
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
                "--user-data-dir=" + Files.createTempDirectory("chromium-console"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    void signIn(String user, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        // The form posts and the browser lands on /preview with its session cookie; wait for it before going on.
        waiting(10).until(d -> d.getCurrentUrl().endsWith("/preview"));
    }

    void shot(String name) throws Exception {
        long height = (Long) js("return document.documentElement.scrollHeight;");
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 140, 5000)));
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(size);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void anEditorSignsInAndPreviewsTheSeed() throws Exception {
        long seed = Api.editor()
                .contentType("text/plain; charset=UTF-8")
                .body(Fixtures.seed())
                .post("/api/articles")
                .then()
                .extract()
                .jsonPath()
                .getLong("id");
        browser.get(url("/preview"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        shot("console-login");
        signIn("editor", Api.EDITOR_PASSWORD);

        browser.get(url("/preview/articles/" + seed + "?list=demo"));
        WebElement desktop = browser.findElement(By.id("email-desktop"));
        WebElement mobile = browser.findElement(By.id("email-mobile"));
        assertThat(desktop.getSize().getWidth()).isEqualTo(600);
        assertThat(mobile.getSize().getWidth()).isEqualTo(375);
        browser.switchTo().frame(desktop);
        waiting(10)
                .until(d -> d.findElement(By.tagName("body"))
                        .getText()
                        .contains("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership"));
        browser.switchTo().defaultContent();

        List<WebElement> cards = browser.findElements(By.cssSelector(".teaser-card"));
        assertThat(cards)
                .extracting(c -> c.getAttribute("data-channel"))
                .containsExactly("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        for (WebElement card : cards) {
            assertThat(card.findElement(By.cssSelector("[data-count]")).getText())
                    .matches("\\d+ / \\d+");
        }
        assertThat(cards.get(0).findElement(By.cssSelector("[data-count]")).getText())
                .endsWith("/ 280");
        // Every card (the three sizes, and each teaser's) is shown: loaded and decoded by the browser.
        List<WebElement> images = browser.findElements(By.cssSelector(".card-format img, .teaser-image"));
        assertThat(images).hasSize(3 + cards.size());
        for (WebElement img : images) {
            js("arguments[0].scrollIntoView();", img);
            waiting(10).until(d -> (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
        }
        shot("console-preview");

        browser.findElement(By.id("dark-toggle")).click();
        waiting(5)
                .until(d ->
                        d.findElement(By.id("email-mobile")).getAttribute("src").contains("dark=1"));
        assertThat(browser.findElement(By.id("dark-toggle")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        shot("console-preview-dark");

        // On a phone the page itself does not scroll sideways
        browser.manage().window().setSize(new Dimension(390, 900));
        browser.navigate().refresh();
        long scroll = (Long) js("return document.documentElement.scrollWidth;");
        long inner = (Long) js("return window.innerWidth;");
        assertThat(scroll).isLessThanOrEqualTo(inner);
        shot("console-preview-phone");
    }

    @Test
    void opsRunsADryRunThenASendAndWatchesTheBarReachTheEnd() throws Exception {
        long article = Api.postArticle(
                "Browser Ops Story About the Caspian Ferry",
                "AKTAU – The ferry to Baku now leaves twice a week, the port said on Tuesday.");
        signIn("ops", Api.OPS_PASSWORD);
        browser.get(url("/ops"));
        new Select(browser.findElement(By.id("article"))).selectByValue(String.valueOf(article));
        new Select(browser.findElement(By.id("send-list"))).selectByValue("slow");
        browser.findElement(By.id("dry-run")).click();
        waiting(10).until(d -> d.findElements(By.id("recipients")).size() == 1);
        assertThat(browser.findElement(By.id("recipients")).getText()).isEqualTo("60");
        shot("console-ops-dry-run");

        browser.findElement(By.id("confirm-send")).click();
        waiting(10).until(d -> d.getCurrentUrl().contains("/ops?message="));
        WebElement row = browser.findElement(By.cssSelector("tr[id^=send-]"));
        String id = row.getAttribute("id");
        // 60 messages at 20 a second: the page opens while the send runs and follows it over Server-Sent Events
        assertThat(row.getAttribute("data-send-events"))
                .as("the send is live when the page opens")
                .isNotNull();
        shot("console-ops-sending");
        waiting(30)
                .until(d -> d.findElement(By.cssSelector("#" + id + " [data-field=percent]"))
                        .getText()
                        .equals("100%"));
        WebElement bar = browser.findElement(By.cssSelector("#" + id + " progress"));
        assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max")).isEqualTo("60");
        assertThat(browser.findElement(By.cssSelector("#" + id + " [data-field=status]"))
                        .getText())
                .isEqualTo("finished");
        shot("console-ops-finished");
    }

    @io.herald.support.InjectGreenMail
    com.icegreen.greenmail.util.GreenMail mail;

    @jakarta.inject.Inject
    io.herald.insight.ClickCounts counts;

    @Test
    void opsSeesWhatAnEditionAndItsListDid() throws Exception {
        String title = "Browser Insight Story About the Ice Rink at Medeu";
        long article = Api.postArticle(title, "ALMATY – The rink opens in December, its managers said on Monday.");
        long send = Api.startSend("{\"article\":" + article + ",\"list\":\"insight\"}");
        Api.awaitFinished(send);
        String html = io.herald.support.Mailboxes.part(
                io.herald.support.Mailboxes.await(mail, "reader1@insight.example", title, 1)
                        .get(0),
                "text/html");
        String link = io.herald.support.EmailLinks.path(
                io.herald.support.EmailLinks.anchors(html).get(title));
        // Three people open the story; one of them twice.
        for (String who : List.of("one", "two", "three", "three")) {
            io.restassured.RestAssured.given()
                    .redirects()
                    .follow(false)
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 " + who)
                    .get(link)
                    .then()
                    .statusCode(302);
        }
        counts.flush();

        signIn("ops", Api.OPS_PASSWORD);
        browser.get(url("/ops/sends/" + send));
        assertThat(browser.findElement(By.cssSelector("[data-figure=delivered]"))
                        .getText())
                .isEqualTo("8");
        assertThat(browser.findElement(By.cssSelector("[data-figure=human-clicks]"))
                        .getText())
                .isEqualTo("4");
        assertThat(browser.findElement(By.cssSelector("[data-figure=human-clickers]"))
                        .getText())
                .isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("[data-figure=ctr]")).getText())
                .isEqualTo("0.375");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSizeGreaterThanOrEqualTo(2);
        shot("insight-edition");

        browser.get(url("/ops/lists/insight"));
        assertThat(browser.findElements(By.cssSelector("#day-table tbody tr"))).hasSize(30);
        assertThat(browser.findElement(By.cssSelector("#day-table tbody tr:last-child td:nth-child(2)"))
                        .getText())
                .isEqualTo("8");
        shot("insight-list");
    }

    @Test
    void anAdminInvitesAnEditorWhoEditsATeaserAndTheAuditNamesThem() throws Exception {
        signIn("admin", Api.ADMIN_PASSWORD);
        browser.get(url("/ops/people"));
        browser.findElement(By.id("invite-name")).sendKeys("bruno");
        browser.findElement(By.id("invite-email")).sendKeys("bruno@newsroom.example.org");
        new Select(browser.findElement(By.id("invite-role"))).selectByValue("editor");
        browser.findElement(By.id("invite-send")).click();
        waiting(10).until(d -> d.findElements(By.id("notice")).size() == 1);
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Invited bruno (editor)");
        assertThat(browser.findElement(By.id("person-bruno")).getAttribute("data-status"))
                .isEqualTo("invited");
        shot("people-invite");

        String text = io.herald.support.Mailboxes.part(
                io.herald.support.Mailboxes.await(
                                mail, "bruno@newsroom.example.org", "You are invited to The Astana Times's Herald", 1)
                        .get(0),
                "text/plain");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://news\\.example\\.org(/welcome/\\S+)")
                .matcher(text);
        assertThat(link.find()).isTrue();
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waiting(10).until(d -> d.getCurrentUrl().endsWith("/login"));

        String password = "amber kettle 91 sparrow tide";
        browser.get(url(link.group(1)));
        browser.findElement(By.id("password-new")).sendKeys(password);
        browser.findElement(By.id("repeat")).sendKeys(password);
        shot("people-welcome");
        browser.findElement(By.id("set-password")).click();
        waiting(10).until(d -> d.getCurrentUrl().contains("/login?welcome=bruno"));
        assertThat(browser.findElement(By.id("login-welcome")).getText()).contains("Welcome, bruno");
        signIn("bruno", password);

        long article = Api.postArticle(
                "Browser People Story About the New Library in Shymkent",
                "SHYMKENT - The library opens its doors on Monday, the city said.");
        browser.get(url("/preview/articles/" + article));
        WebElement card = browser.findElement(By.cssSelector(".teaser-card[data-channel=x]"));
        WebElement details = card.findElement(By.tagName("details"));
        WebElement textarea = card.findElement(By.id("text-x"));
        // The details element opens on a click of its summary (the open attribute is set as the click lands); a click
        // that met the page still being laid out is tried again. The form can be typed into once it is shown.
        waiting(10).until(d -> {
            if (details.getAttribute("open") == null) {
                details.findElement(By.tagName("summary")).click();
            }
            return textarea.isDisplayed() && textarea.isEnabled();
        });
        textarea.clear();
        textarea.sendKeys("Shymkent has a new library, and it opens on Monday https://example.org/library");
        card.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting(10).until(d -> d.getCurrentUrl().contains("saved=x"));
        shot("people-editor-teaser");

        browser.get(url("/ops"));
        assertThat(browser.findElement(By.id("forbidden")).getText()).contains("signed in as bruno (editor)");
        shot("people-forbidden");
        // The same person tries to start a send through the API: refused, and on the record
        io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic("bruno", password)
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(403);

        browser.findElement(By.cssSelector("a[href='/preview']")).click();
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waiting(10).until(d -> d.getCurrentUrl().endsWith("/login"));
        signIn("admin", Api.ADMIN_PASSWORD);
        browser.get(url("/ops/audit?actor=bruno"));
        List<String> actions = browser.findElements(By.cssSelector("#audit tbody tr")).stream()
                .map(r -> r.getAttribute("data-action"))
                .toList();
        assertThat(actions).contains("teaser.edit", "send.start", "sign-in", "person.accept-invitation");
        assertThat(browser.findElement(By.cssSelector("#audit tbody tr[data-action='send.start'] td:nth-child(6)"))
                        .getText())
                .isEqualTo("403");
        browser.get(url("/ops/audit?action=person.invite"));
        assertThat(browser.findElement(By.cssSelector("#audit tbody tr[data-action='person.invite']"))
                        .getText())
                .contains("admin", "person bruno");
        browser.get(url("/ops/audit?check=1"));
        assertThat(browser.findElement(By.id("chain")).getAttribute("data-intact"))
                .isEqualTo("true");
        shot("people-audit");
    }

    /** A title of the newsroom's Kazakh edition, 300 characters, for the long-title card. */
    static final String KAZAKH_TITLE = ("Қазақстан мен Түркия үкіметтері Астанада өткен кездесуде екі ел арасындағы "
                    + "сауда көлемін 2030 жылға қарай он миллиард долларға жеткізу, көлік дәліздерін дамыту, энергетика "
                    + "және цифрлық технологиялар саласындағы ынтымақтастықты кеңейту туралы бірлескен мәлімдемеге қол "
                    + "қойды, деп хабарлады Ақорда баспасөз қызметі бүгін")
            .substring(0, 300);

    /**
     * The seed's cards and a 300-character Kazakh title's cards in every size, as Chromium shows them, on a contact
     * sheet kept for people (target/screenshots/cards-*.png). Checked without asking Herald: each card decodes at its
     * size in the browser, and in every card no text reaches the safe margin (each pixel row's margins are one
     * colour: the background or a full-width bar); and Herald's own check names no text outside its box and no
     * character the fonts could not draw.
     */
    @Test
    void theCardsOfTheSeedAndOfALongKazakhTitleOnAContactSheet() throws Exception {
        long seed = Api.postSeed();
        long kazakh = Api.postArticle(
                KAZAKH_TITLE,
                "АСТАНА – Қазақстан мен Түркия сауда көлемін он миллиард долларға жеткізуге уағдаласты.\n\n"
                        + "«Бұл – келесі онжылдықтың серіктестігі», – деді Құртұлмұш.");
        Path cards = SHOTS.resolve("cards");
        Files.createDirectories(cards);
        StringBuilder sheet = new StringBuilder(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Cards</title>"
                        + "<style>body{font-family:sans-serif;margin:16px}figure{display:inline-block;margin:8px;"
                        + "vertical-align:top}img{display:block;height:480px;border:1px solid #999}</style></head><body>");
        for (long article : new long[] {seed, kazakh}) {
            var json = Api.editor()
                    .get("/api/articles/" + article + "/cards")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(json.getList("cards.problems.flatten()", String.class))
                    .as("article " + article)
                    .noneMatch(p -> p.contains("leaves") || p.contains("cannot draw"));
            for (String format : List.of("portrait", "landscape", "story")) {
                String path = "/cards/" + article + "/" + format + ".png";
                byte[] png = io.restassured.RestAssured.get(path).asByteArray();
                Files.write(cards.resolve((article == seed ? "seed-" : "kazakh-") + format + ".png"), png);
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
                int safe = format.equals("portrait") ? 60 : format.equals("landscape") ? 40 : 120;
                assertMarginsClear(image, safe, article + " " + format);
                sheet.append("<figure><img src=\"")
                        .append(url(path))
                        .append("\" data-format=\"")
                        .append(format)
                        .append("\" alt=\"\"><figcaption>")
                        .append(article == seed ? "seed" : "Kazakh, 300 characters")
                        .append(" · ")
                        .append(format)
                        .append("</figcaption></figure>");
            }
        }
        Path page = cards.resolve("contact-sheet.html");
        Files.writeString(page, sheet.append("</body></html>").toString());
        browser.manage().window().setSize(new Dimension(1900, 1200));
        browser.get(page.toUri().toString());
        waiting(20).until(d -> (Boolean) js("return Array.from(document.images).every(i => i.complete);"));
        for (WebElement img : browser.findElements(By.tagName("img"))) {
            long width = (Long) js("return arguments[0].naturalWidth;", img);
            String format = img.getAttribute("data-format");
            assertThat(width).as(img.getAttribute("src")).isEqualTo(format.equals("landscape") ? 1200L : 1080L);
        }
        shot("cards-contact-sheet");
    }

    /** No text in the safe margin: every pixel row's left and right margins, and the top and bottom bands, are one colour. */
    static void assertMarginsClear(java.awt.image.BufferedImage image, int safe, String what) {
        int w = image.getWidth();
        int h = image.getHeight();
        for (int y = 0; y < h; y++) {
            int background = image.getRGB(0, y);
            boolean band = y < safe || y >= h - safe;
            for (int x = 0; x < w; x++) {
                if (band || x < safe || x >= w - safe) {
                    assertThat(image.getRGB(x, y))
                            .as(what + ": pixel " + x + "," + y + " in the safe margin differs from its row")
                            .isEqualTo(background);
                }
            }
        }
    }
}
