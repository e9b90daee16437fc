package io.herald.signup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.subscriber.FileProblem;
import io.herald.subscriber.MemberImports;
import io.herald.subscriber.SubscriberFileReader;
import io.herald.subscriber.SubscriberStore;
import io.herald.support.Api;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** A visitor signs up on the form, confirms from the email, gets the next digest, changes preferences, leaves. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class SignupFlowTest {

    static final Pattern CONFIRM = Pattern.compile("https://news\\.example\\.org(/subscribe/confirm\\?t=\\S+)");
    static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final String SUBJECT = "Please confirm your subscription to The Astana Times";

    @InjectGreenMail
    GreenMail mail;

    @Inject
    SignedTokens tokens;

    @Inject
    SubscriberStore subscribers;

    @Inject
    MemberImports memberImports;

    static String text(MimeMessage m) throws Exception {
        return Mailboxes.part(m, "text/plain");
    }

    static String signupPage(String email, String honeypot) {
        return given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("list", "signup")
                .formParam("website", honeypot)
                .post("/subscribe")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    static ExtractableResponse<Response> submit(String page, String action, Object... params) {
        return io.herald.support.Forms.submit(page, action, params);
    }

    static String tokenOf(String path) {
        return java.net.URLDecoder.decode(
                path.substring(path.indexOf("t=") + 2), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void signUpConfirmReceiveChangePreferencesAndLeave() throws Exception {
        String reader = "new.reader@example.net";
        given().get("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("id=\"snippet\""))
                .body(containsString("name=\"website\""));
        String answer = signupPage(reader, "");
        assertThat(answer).contains("Check your inbox");

        MimeMessage confirmation = Mailboxes.await(mail, reader, SUBJECT, 1).get(0);
        assertThat(Mailboxes.imapSubjects(mail, reader)).contains(SUBJECT);
        Matcher link = CONFIRM.matcher(text(confirmation));
        assertThat(link.find()).isTrue();
        String confirmPath = link.group(1);
        assertThat(subscribers.isActive("signup", reader)).isFalse(); // nothing before the click

        var confirmed = submit(confirmPath, "/subscribe/confirm", "t", tokenOf(confirmPath));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.asString()).contains("Welcome to Website Readers");
        assertThat(subscribers.isActive("signup", reader)).isTrue();
        // The file sync does not remove someone who joined on the website
        memberImports.sync(
                "signup",
                Path.of("src/test/resources/fixtures/subscribers/signup/members.csv"),
                "force-" + System.nanoTime(),
                true,
                new SubscriberFileReader(),
                "test",
                Instant.now(),
                new ArrayList<>());
        assertThat(subscribers.isActive("signup", reader)).isTrue();
        var history = Api.ops()
                .get("/api/subscribers/" + reader)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getString("consentHistory[0].event")).isEqualTo("confirmed");
        assertThat(history.getString("consentHistory[0].source")).contains("requested from 127.0.0.1");

        // The next edition reaches them
        long article = Api.postArticle("Signup Story About Morning Trains", "ASTANA – Morning trains run more often.");
        Api.sendAndWait(article, "signup");
        MimeMessage digest = Mailboxes.await(mail, reader, "Signup Story About Morning Trains", 1)
                .get(0);
        String unsubscribe = digest.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
        String unsubscribePath = unsubscribe.replace("https://news.example.org", "");

        // From the unsubscribe page to the preferences page; leaving all takes effect at once
        String unsubscribePage =
                given().get(unsubscribePath).then().statusCode(200).extract().asString();
        Matcher prefs = Pattern.compile("href=\"(/preferences\\?t=[^\"]+)\"").matcher(unsubscribePage);
        assertThat(prefs.find()).isTrue();
        String prefsPath = prefs.group(1).replace("&amp;", "&");
        given().get(prefsPath)
                .then()
                .statusCode(200)
                .body(containsString(reader))
                .body(containsString("id=\"list-signup\" name=\"list\" value=\"signup\" checked"));
        var left = submit(prefsPath, "/preferences", "t", tokenOf(prefsPath), "action", "leave");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(left.asString()).contains("You left 1 list.");
        assertThat(subscribers.isActive("signup", reader)).isFalse();

        // Rejoining goes through a fresh opt-in: a second confirmation email, no membership until it is clicked
        var rejoin = submit(prefsPath, "/preferences", "t", tokenOf(prefsPath), "list", "signup", "action", "save");
        assertThat(rejoin.asString()).contains("We sent you an email to confirm");
        Mailboxes.await(mail, reader, SUBJECT, 2);
        assertThat(subscribers.isActive("signup", reader)).isFalse();
    }

    @Test
    void theAnswerIsTheSameWhateverHeraldKnowsOfTheAddress() throws Exception {
        String known = "already.member@example.net";
        subscribers.join("signup", known, null, null, "signup (test)", Instant.now());
        String fresh = "somebody.else@example.net";
        String page1 = signupPage(fresh, "");
        String page2 = signupPage(known, "");
        String bot = signupPage("bot@example.net", "https://spam.example");
        assertThat(page2).isEqualTo(page1);
        assertThat(bot).isEqualTo(page1);
        Mailboxes.await(mail, fresh, SUBJECT, 1);
        // The confirmation goes out inside the request (ConfirmationMail.send returns after the relay's reply), so
        // with the pages back every message they send has arrived: none for the bot or the known reader.
        assertThat(Mailboxes.withSubject(mail, "bot@example.net", SUBJECT)).isEmpty();
        assertThat(Mailboxes.withSubject(mail, known, SUBJECT)).isEmpty();
        given().contentType("application/json")
                .body("{\"email\":\"json.reader@example.net\",\"lists\":[\"signup\"]}")
                .post("/subscribe")
                .then()
                .statusCode(202)
                .body("status", is("check-your-inbox"));
    }

    @Test
    void badInputTamperedOrExpiredLinksAndTooManyRequestsAreRefused() {
        given().contentType("application/json")
                .body("{\"email\":\"not an address\"}")
                .post("/subscribe")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("email"));
        given().contentType("application/json")
                .body("{\"email\":\"a@example.net\",\"lists\":[\"nope\"]}")
                .post("/subscribe")
                .then()
                .statusCode(422)
                .body("errors[0].field", is("lists"));
        given().contentType("application/json")
                .body("[1,2]")
                .post("/subscribe")
                .then()
                .statusCode(400);
        // A list named in a way Herald did not read would mean "every open list": refused, with the field.
        given().contentType("application/json")
                .body("{\"email\":\"a@example.net\",\"list\":\"nope\"}")
                .post("/subscribe")
                .then()
                .statusCode(422)
                .body("errors[0].field", is("lists"));
        given().contentType("application/json")
                .body("{\"email\":\"a@example.net\",\"lists\":{\"id\":\"signup\"}}")
                .post("/subscribe")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("lists"));
        given().contentType("application/json")
                .body("{\"email\":\"a@example.net\",\"newsletter\":\"signup\"}")
                .post("/subscribe")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("newsletter"))
                .body("errors[0].reason", startsWith("unknown field"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("email", "x\r\nBcc: a@b.c")
                .post("/subscribe")
                .then()
                .statusCode(422)
                .body(containsString("line breaks"));

        String good = tokens.issue(
                "confirm", "t@example.net\n\nsignup\n127.0.0.1", Instant.now().plusSeconds(600));
        given().get("/subscribe/confirm?t=" + good.substring(0, good.length() - 3) + "AAA")
                .then()
                .statusCode(400);
        String expired = tokens.issue(
                "confirm", "t@example.net\n\nsignup\n127.0.0.1", Instant.now().minusSeconds(1));
        given().get("/subscribe/confirm?t=" + expired).then().statusCode(400).body(containsString("not valid"));
        String wrongPurpose = tokens.issue("prefs", "1", Instant.now().plusSeconds(600));
        given().get("/subscribe/confirm?t=" + wrongPurpose).then().statusCode(400);
        given().get("/preferences?t=" + good).then().statusCode(400);

        for (int i = 0; i < 3; i++) {
            given().contentType("application/json")
                    .body("{\"email\":\"flood@example.net\"}")
                    .post("/subscribe")
                    .then()
                    .statusCode(202);
        }
        given().contentType("application/json")
                .body("{\"email\":\"flood@example.net\"}")
                .post("/subscribe")
                .then()
                .statusCode(429)
                .header("Retry-After", "3600");
    }

    @Test
    void anErasedSubscriberCannotBeImportedOrSignedUpAgain() throws Exception {
        String gone = "erase.me@example.net";
        subscribers.join("signup", gone, "Erase Me", null, "signup (test)", Instant.now());
        Api.ops().get("/api/subscribers/" + gone).then().statusCode(200).body("memberships[0].list", is("signup"));
        Api.editor().delete("/api/subscribers/" + gone).then().statusCode(403);
        Api.ops().delete("/api/subscribers/" + gone).then().statusCode(200).body("found", is(true));
        Api.ops().get("/api/subscribers/" + gone).then().statusCode(404);

        Path file = Files.createTempFile("members", ".csv");
        Files.writeString(file, "email,name\n" + gone + ",Erase Me\nstill.here@example.net,Still Here\n");
        List<FileProblem> problems = new ArrayList<>();
        memberImports.sync(
                "signup",
                file,
                "erased-" + System.nanoTime(),
                true,
                new SubscriberFileReader(),
                "test",
                Instant.now(),
                problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("erased");
        });
        assertThat(subscribers.findByEmail(gone)).isEmpty();
        assertThat(subscribers.isActive("signup", "still.here@example.net")).isTrue();

        signupPage(gone, "");
        // Sent inside the request, if at all: with the page back, nothing more can arrive for it.
        assertThat(Mailboxes.withSubject(mail, gone, SUBJECT)).isEmpty();
    }
}
