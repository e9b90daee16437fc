package io.herald.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.herald.support.GreenMailResource;
import io.herald.support.HeraldProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first start: the packaged build on its embedded defaults (H2, the embedded mail sink, the demo lists
 * and the sample articles, the Russian one previewed as the Russian list gets it), a visit to / and a sign-in. Every warning in the log is one a person can act on: it says
 * what to set or do. Nothing else warns (no unrecognised key, no library's notice about versions, no temporary key
 * without a word on how to keep one).
 */
class StartLogIT {

    /** The warnings a first start may give, each of which says what to do. */
    static final List<Pattern> ACTIONABLE = List.of(
            Pattern.compile(".*Sign-in sessions are encrypted with a key made at start.*set "
                    + "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY.*"),
            Pattern.compile(".*Generated a password for user '\\w+'.*set HERALD_\\w+_PASSWORD to choose one.*"),
            Pattern.compile(
                    ".*The password set for '\\w+' is weak: .*Choose a stronger one for HERALD_\\w+_PASSWORD.*"),
            Pattern.compile(".*DKIM is not configured \\(herald\\.dkim\\.domain.*"));

    @Test
    void everyWarningOfAFirstStartSaysWhatToDo() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "start-log-it"));
        Path log = work.resolve("herald-" + System.nanoTime() + ".log");
        Map<String, String> env = new HashMap<>();
        env.put(
                "HERALD_DATA_DIR",
                work.resolve("data-" + System.nanoTime()).toAbsolutePath().toString());
        env.put("HERALD_SMTP_PORT", String.valueOf(GreenMailResource.freePort()));
        env.put("HERALD_MAIL_EMBEDDED_IMAP_PORT", String.valueOf(GreenMailResource.freePort()));
        env.put(
                "HERALD_SUBSCRIBERS_DIR",
                Path.of("subscribers").toAbsolutePath().toString());
        env.put("HERALD_TEMPLATES_DIR", Path.of("templates").toAbsolutePath().toString());
        String adminLanding = null;
        try (HeraldProcess herald = HeraldProcess.start(Path.of("target", "quarkus-app"), env, log)) {
            assertThat(herald.get("/").statusCode()).isEqualTo(200);
            // The second sample is the Russian one: it previews as the demo's Russian list gets it, every word Russian.
            HttpResponse<String> russian = herald.get("/preview/articles/2/email.html");
            assertThat(russian.statusCode()).isEqualTo(200);
            assertThat(russian.body())
                    .contains(
                            "<html lang=\"ru\"", "Открыть в браузере", "Казахстан и Турция", "Отписаться в один клик");
            // A person signs in with the form: the session cookie is made here.
            HttpResponse<String> signIn = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(herald.url("/j_security_check")))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "j_username=ops&j_password=" + HeraldProcess.OPS_PASSWORD))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(302);
            java.util.regex.Matcher printed = Pattern.compile("Generated a password for user 'admin': (\\S+)")
                    .matcher(Files.readString(log));
            assertThat(printed.find()).as("the admin's password in the log").isTrue();
            adminLanding = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(herald.url("/j_security_check")))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "j_username=admin&j_password=" + printed.group(1)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .headers()
                    .firstValue("Location")
                    .orElse("");
            assertThat(signIn.headers().firstValue("Set-Cookie"))
                    .get()
                    .asString()
                    .startsWith("herald-session=");
        }
        List<String> warnings = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .toList();
        System.out.printf("start log: %d warning(s)%n%s%n", warnings.size(), String.join("\n", warnings));
        assertThat(warnings)
                .allSatisfy(w ->
                        assertThat(ACTIONABLE).as(w).anyMatch(p -> p.matcher(w).matches()));
        assertThat(warnings).anyMatch(w -> w.contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"));
        // The first start made the admin and printed the password once; it signs in.
        assertThat(adminLanding).endsWith("/preview");
    }
}
