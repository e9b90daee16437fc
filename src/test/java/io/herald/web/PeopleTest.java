package io.herald.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.herald.support.Api;
import io.herald.support.GreenMailResource;
import io.herald.support.InjectGreenMail;
import io.herald.support.Mailboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Named people, end to end through HTTP and the mailbox: an admin invites an editor by email; the link lets the
 * editor choose a password once (weak ones refused); the editor edits a teaser but may not send; the audit trail
 * names both; a disabled account's open session stops at its next request; list rights, role changes, password
 * changes and the last admin behave as the docs say.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class PeopleTest {

    static final Pattern LINK = Pattern.compile("https://news\\.example\\.org(/welcome/\\S+)");
    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final String SUBJECT = "You are invited to The Astana Times's Herald";
    static final String STRONG = "quiet harbour lantern 48 orbit";

    @InjectGreenMail
    GreenMail mail;

    /** Invites a person through the API and returns the path of the link their email carries. */
    String invite(String name, String role, String... lists) throws Exception {
        String email = name + "@newsroom.example.org";
        String json = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"lists\":"
                + (lists.length == 0 ? "[]" : "[\"" + String.join("\",\"", lists) + "\"]") + "}";
        Api.admin()
                .contentType("application/json")
                .body(json)
                .post("/api/users")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/users/" + name))
                .body("status", equalTo("invited"))
                .body("role", equalTo(role));
        List<MimeMessage> messages = Mailboxes.await(mail, email, SUBJECT, 1);
        String text = Mailboxes.part(messages.get(messages.size() - 1), "text/plain");
        assertThat(text).contains("Hello " + name, "admin invited you", "as " + role, "it works once");
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    /** Posts the welcome form as a browser does (CSRF token from the page). */
    static ExtractableResponse<Response> choose(String link, String password, String repeat) {
        ExtractableResponse<Response> page =
                given().get(link).then().statusCode(200).extract();
        Matcher m = CSRF.matcher(page.asString());
        assertThat(m.find()).isTrue();
        return given().redirects()
                .follow(false)
                .cookie("herald-csrf", page.cookie("herald-csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", m.group(1))
                .formParam("password", password)
                .formParam("repeat", repeat)
                .post(link)
                .then()
                .extract();
    }

    /** Signs in with the form; returns the session cookie. */
    static String signIn(String name, String password) {
        ExtractableResponse<Response> r = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", name)
                .formParam("j_password", password)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract();
        assertThat(r.header("Location")).endsWith("/preview");
        return r.cookie("herald-session");
    }

    static int pageStatus(String session, String path) {
        return given().redirects()
                .follow(false)
                .cookie("herald-session", session)
                .get(path)
                .statusCode();
    }

    @Test
    void anInvitedEditorEditsATeaserButCannotSendAndTheTrailSaysWhoDidWhat() throws Exception {
        String link = invite("erin", "editor");
        // The link shows the form; weak and mismatched passwords are refused with the reason
        given().get(link).then().statusCode(200).body(containsString("Welcome, erin"));
        assertThat(choose(link, "password1234", "password1234").statusCode()).isEqualTo(422);
        assertThat(choose(link, "qwertyuiop123456", "qwertyuiop123456").asString())
                .contains("too easy to guess");
        assertThat(choose(link, "erin2026erin2026", "erin2026erin2026").asString())
                .contains("too easy to guess");
        assertThat(choose(link, "short", "short").asString()).contains("at least 12 characters");
        assertThat(choose(link, STRONG, STRONG + "!").asString()).contains("the two passwords differ");
        ExtractableResponse<Response> accepted = choose(link, STRONG, STRONG);
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.header("Location")).endsWith("/login?welcome=erin");
        // Single use: the same link is now refused
        given().get(link).then().statusCode(410).body(containsString("does not work"));

        String session = signIn("erin", STRONG);
        assertThat(pageStatus(session, "/preview")).isEqualTo(200);
        assertThat(given().cookie("herald-session", session).get("/preview").asString())
                .contains("erin", "(editor)")
                .doesNotContain("href=\"/ops/people\"");

        long article = Api.postArticle(
                "Erin's first story for the people test",
                "ASTANA - A story for the people test.\n\nGet The Astana Times stories sent directly to you! "
                        + "Sign up via the website or subscribe to our Twitter and Telegram!");
        given().auth()
                .preemptive()
                .basic("erin", STRONG)
                .contentType("application/json")
                .body("{\"text\":\"Erin's words for X https://example.org/erin\"}")
                .put("/api/articles/" + article + "/teasers/x")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("erin", STRONG)
                .contentType("application/json")
                .body("{\"article\":" + article + ",\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));
        given().redirects()
                .follow(false)
                .cookie("herald-session", session)
                .get("/ops")
                .then()
                .statusCode(403)
                .body(containsString("Not for your role"));

        // The audit trail names the admin's invitation and both of erin's actions
        Api.ops()
                .queryParam("actor", "erin")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("action", hasItem("teaser.edit"))
                .body("action", hasItem("send.start"))
                .body("action", hasItem("sign-in"))
                .body("action", hasItem("person.accept-invitation"))
                .body("find { it.action == 'send.start' }.outcome", equalTo(403))
                .body("find { it.action == 'teaser.edit' }.detail", containsString("Erin's words for X"));
        Api.ops()
                .queryParam("action", "person")
                .queryParam("actor", "admin")
                .get("/api/audit")
                .then()
                .body("find { it.action == 'person.invite' }.target", equalTo("person erin"));
        String export = Api.ops()
                .queryParam("actor", "erin")
                .get("/api/audit/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        assertThat(export.lines()).allMatch(l -> l.startsWith("{\"seq\":") && l.contains("\"hash\":\""));
        assertThat(export).contains("\"action\":\"teaser.edit\"");

        // Disabled: the open session ends at its next request, and HTTP Basic stops working too
        Api.admin()
                .contentType("application/json")
                .body("{\"status\":\"disabled\"}")
                .put("/api/users/erin")
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"));
        given().redirects()
                .follow(false)
                .cookie("herald-session", session)
                .get("/preview")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login"));
        given().auth()
                .preemptive()
                .basic("erin", STRONG)
                .get("/api/articles")
                .then()
                .statusCode(401);
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "erin")
                .formParam("j_password", STRONG)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("error"));
    }

    @Test
    void aRoleChangeEndsSessionsAndListRightsLimitSends() throws Exception {
        String link = invite("olga", "ops", "demo");
        assertThat(choose(link, STRONG, STRONG).statusCode()).isEqualTo(303);
        String session = signIn("olga", STRONG);
        assertThat(pageStatus(session, "/ops")).isEqualTo(200);
        // Olga may send to demo only: the ops page offers no other list, and the API refuses others
        String ops = given().cookie("herald-session", session).get("/ops").asString();
        assertThat(ops).contains("<option value=\"demo\">").doesNotContain("<option value=\"signup\">");
        given().auth()
                .preemptive()
                .basic("olga", STRONG)
                .contentType("application/json")
                .body("{\"article\":1,\"list\":\"signup\",\"dryRun\":true}")
                .post("/api/sends")
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("list"))
                .body("detail", containsString("demo only"));
        given().auth()
                .preemptive()
                .basic("olga", STRONG)
                .contentType("text/csv")
                .body("email\nnew@example.org\n")
                .post("/api/lists/signup/members")
                .then()
                .statusCode(403);
        // A role change signs her out; signed in again she has the new role
        Api.admin()
                .contentType("application/json")
                .body("{\"role\":\"viewer\"}")
                .put("/api/users/olga")
                .then()
                .statusCode(200)
                .body("role", equalTo("viewer"));
        assertThat(pageStatus(session, "/ops")).isEqualTo(302);
        String again = signIn("olga", STRONG);
        assertThat(pageStatus(again, "/ops")).isEqualTo(403);
        assertThat(pageStatus(again, "/preview")).isEqualTo(200);
        Api.ops()
                .queryParam("action", "person.change")
                .get("/api/audit")
                .then()
                .body("find { it.target == 'person olga' }.detail", containsString("\"before\":\"ops\""));
    }

    /** Posts the change-password form of {@code page} (CSRF token and cookie from it) with the session. */
    static ExtractableResponse<Response> changePassword(
            String session, ExtractableResponse<Response> page, String token, String current, String password) {
        return given().redirects()
                .follow(false)
                .cookie("herald-session", session)
                .cookie("herald-csrf", page.cookie("herald-csrf"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token)
                .formParam("current", current)
                .formParam("password", password)
                .formParam("repeat", password)
                .post("/account/password")
                .then()
                .extract();
    }

    @Test
    void aPersonChangesTheirPasswordAndEverySessionEnds() throws Exception {
        String link = invite("pavel", "viewer");
        assertThat(choose(link, STRONG, STRONG).statusCode()).isEqualTo(303);
        String session = signIn("pavel", STRONG);
        ExtractableResponse<Response> page = given().cookie("herald-session", session)
                .get("/account")
                .then()
                .statusCode(200)
                .body(containsString("Change your password"))
                .extract();
        Matcher m = CSRF.matcher(page.asString());
        assertThat(m.find()).isTrue();
        String newPassword = "copper meadow violin 73 drift";
        ExtractableResponse<Response> wrong =
                changePassword(session, page, m.group(1), "not my password at all", newPassword);
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.asString()).contains("not your current password");
        ExtractableResponse<Response> changed = changePassword(session, page, m.group(1), STRONG, newPassword);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.header("Location")).endsWith("/login?changed=1");
        assertThat(pageStatus(session, "/preview")).isEqualTo(302);
        given().auth()
                .preemptive()
                .basic("pavel", STRONG)
                .get("/preview")
                .then()
                .statusCode(401);
        assertThat(pageStatus(signIn("pavel", newPassword), "/preview")).isEqualTo(200);
    }

    /** An invitation the API refuses with 400, naming the field. */
    static io.restassured.response.ValidatableResponse refusedInvite(String json, String field) {
        return Api.admin()
                .contentType("application/json")
                .body(json)
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void theLastAdminStaysAndBadRequestsNameTheField() {
        Api.admin()
                .contentType("application/json")
                .body("{\"role\":\"ops\"}")
                .put("/api/users/admin")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("role"));
        Api.admin().delete("/api/users/admin").then().statusCode(409);
        refusedInvite("{\"name\":\"Bad Name\",\"email\":\"x@example.org\",\"role\":\"editor\"}", "name");
        refusedInvite("{\"name\":\"zed\",\"email\":\"x@example.org\",\"role\":\"chief\"}", "role")
                .body("errors[0].reason", containsString("viewer, editor, ops or admin"));
        refusedInvite("{\"name\":\"zed\",\"email\":\"not an address\",\"role\":\"editor\"}", "email");
        refusedInvite(
                "{\"name\":\"zed\",\"email\":\"zed@example.org\",\"role\":\"ops\",\"lists\":[\"no-such-list\"]}",
                "lists[0]");
        Api.ops()
                .queryParam("from", "yesterday")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        Api.ops()
                .queryParam("from", "2000-01-01")
                .queryParam(
                        "to", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString())
                .queryParam("actor", "admin")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThan(0)) // the refused demotion above, at least
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo("admin")));
        Api.ops().get("/api/users").then().statusCode(403);
        Api.admin()
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("name", hasItem("admin"))
                .body("find { it.name == 'admin' }.role", equalTo("admin"));
    }
}
