package io.herald.web;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.herald.security.AccountStatus;
import io.herald.security.Role;
import io.herald.security.UserAccounts;
import io.herald.support.Api;
import io.herald.support.RouterRoutes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what. Every route Herald serves is found from the code that routes it (the JAX-RS resources' own
 * annotations and the Vert.x router's table, not a hand-kept list of routes) and called by each kind of person:
 * nobody, a viewer, an editor, ops and an admin. The rules below say the least role each route needs; a route no rule
 * covers fails the test until someone decides who may use it. Below the least role, a signed-in person gets 403 and
 * nobody gets 401 (API) or the sign-in page (pages); from it up, the route answers without refusing.
 */
@QuarkusTest
class AuthorisationMatrixTest {

    enum Who {
        NOBODY,
        VIEWER,
        EDITOR,
        OPS,
        ADMIN
    }

    record Rule(Pattern verbs, Pattern path, Who least) {}

    /** First match wins. Paths are the routes as declared ({id}, :e). */
    static final List<Rule> RULES = List.of(
            // Readers' pages and forms, sign-in, invitations: public by design
            rule(
                    "GET|HEAD",
                    "/|/favicon\\.ico|/login|/subscribe(/confirm)?|/preferences|/unsubscribe|/articles/\\{id}"
                            + "|/editions/\\{id}|/welcome/\\{token}|/r/.*|/o/.*|/cards/\\{article}/\\{format}\\.\\{ext}"
                            + "|/archive(/\\{list}(/(rss\\.xml|atom\\.xml|feed\\.json))?)?",
                    Who.NOBODY),
            rule(
                    "POST",
                    "/logout|/j_security_check|/subscribe(/confirm)?|/preferences|/unsubscribe|/welcome/\\{token}",
                    Who.NOBODY),
            // The person's own account
            rule("GET|POST", "/account(/.*)?", Who.VIEWER),
            // Editors: articles, teasers, test sends
            rule("POST", "/preview/articles/\\{id}/(teasers/\\{channel}|test|cards)", Who.EDITOR),
            rule("GET", "/preview(/.*)?", Who.VIEWER),
            rule("POST", "/api/articles/\\{id}/teasers(/\\{channel})?/publish", Who.OPS),
            rule("GET|POST", "/api/articles", Who.EDITOR),
            rule("GET|PUT", "/api/articles/\\{id}(/.*)?", Who.EDITOR),
            rule("GET", "/api/(feeds|lists|outbox)(/\\{id})?", Who.EDITOR),
            // Admins: people
            rule("GET|POST|PUT|DELETE", "/(api/users|ops/people)(/.*)?", Who.ADMIN),
            // Ops: sends, lists, feeds, outbox, bounces, personal data, the audit trail
            rule("POST", "/api/(feeds|feeds/\\{id}/poll|lists/\\{id}/members|outbox/\\{id}/(posted|retry))", Who.OPS),
            rule("GET|POST|DELETE", "/api/(sends|bounces|subscribers|audit)(/.*)?", Who.OPS),
            rule("GET|POST", "/ops(/.*)?", Who.OPS));

    /**
     * Routes only the identity provider's sign-in opens (OidcSignInTest follows it): every caller here, Basic
     * credentials included, is refused.
     */
    static final java.util.Set<String> PROVIDER_ONLY = java.util.Set.of("GET /sso");

    static final Map<Who, String> PASSWORDS = Map.of(
            Who.VIEWER, "viewer-matrix-password-7391",
            Who.EDITOR, Api.EDITOR_PASSWORD,
            Who.OPS, Api.OPS_PASSWORD,
            Who.ADMIN, Api.ADMIN_PASSWORD);

    static final Map<Who, String> NAMES =
            Map.of(Who.VIEWER, "matrix-viewer", Who.EDITOR, "editor", Who.OPS, "ops", Who.ADMIN, "admin");

    @Inject
    UserAccounts accounts;

    static Rule rule(String verbs, String path, Who least) {
        return new Rule(Pattern.compile(verbs), Pattern.compile(path), least);
    }

    @BeforeEach
    void aViewerExists() throws Exception {
        if (accounts.find("matrix-viewer").isEmpty()) {
            accounts.create(
                    "matrix-viewer",
                    "viewer@example.org",
                    Role.VIEWER,
                    AccountStatus.ACTIVE,
                    "local",
                    List.of(),
                    Optional.of(PASSWORDS.get(Who.VIEWER)));
        }
    }

    public record Route(String method, String path, String consumes) {
        String key() {
            return method + " " + path;
        }
    }

    /** The JAX-RS routes, read from the resource classes' annotations, and the plain Vert.x routes. */
    public static List<Route> routes() throws Exception {
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/herald/web"))) {
            for (Path file : files.toList()) {
                Class<?> type = Class.forName(
                        "io.herald.web." + file.getFileName().toString().replace(".java", ""));
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                        String path =
                                ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                        jakarta.ws.rs.Consumes consumes = m.getAnnotation(jakarta.ws.rs.Consumes.class);
                        routes.add(new Route(
                                verb,
                                path.length() > 1 ? path.replaceAll("/$", "") : path,
                                consumes == null ? "application/json" : consumes.value()[0]));
                    }
                }
            }
        }
        for (String plain : RouterRoutes.plainRoutes()) {
            String[] parts = plain.split(" ", 2);
            routes.add(new Route(parts[0], parts[1], "application/x-www-form-urlencoded"));
        }
        return routes;
    }

    static String verb(Method m) {
        return m.isAnnotationPresent(GET.class)
                ? "GET"
                : m.isAnnotationPresent(POST.class)
                        ? "POST"
                        : m.isAnnotationPresent(PUT.class)
                                ? "PUT"
                                : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
    }

    /** A concrete path: ids nobody has (a running send's event stream would not end), an address that is invalid. */
    static String concrete(String path) {
        return path.replaceAll("\\{action: [^}]+}", "pause")
                .replaceAll("\\{table: [^}]+}", "summary")
                .replace("{email}", "not-an-address")
                .replace("{name}", "nobody-here")
                .replace("{channel}", "x")
                .replace("{token}", "not-a-token")
                .replaceAll("\\{[a-z]+}", "987654")
                .replaceAll(":[a-z]+", "1");
    }

    /** A body of the type the route takes, as a client would send it (no charset added to the type). */
    static RequestSpecification send(RequestSpecification spec, String type) {
        RequestSpecification typed = spec.config(io.restassured.RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(type);
        return switch (type) {
            case "application/x-www-form-urlencoded" -> typed.formParam("list", "demo");
            case "text/csv", "text/plain", "text/markdown", "text/html" -> typed.body("email\n");
            default -> typed.body("{}");
        };
    }

    static Who least(Route r) {
        return RULES.stream()
                .filter(rule -> rule.verbs().matcher(r.method()).matches()
                        && rule.path().matcher(r.path()).matches())
                .map(Rule::least)
                .findFirst()
                .orElse(null);
    }

    static RequestSpecification as(Who who) {
        RequestSpecification spec = given().redirects().follow(false);
        return who == Who.NOBODY ? spec : spec.auth().preemptive().basic(NAMES.get(who), PASSWORDS.get(who));
    }

    @Test
    void everyRouteAnswersEachRoleAsItsRuleSays() throws Exception {
        List<Route> routes = routes();
        assertThat(routes)
                .extracting(Route::key)
                .hasSizeGreaterThan(60)
                .contains(
                        "POST /api/sends",
                        "GET /preview/articles/{id}",
                        "PUT /api/users/{name}",
                        "GET /ops/audit",
                        "POST /unsubscribe",
                        "GET /r/:e/:n/:sig");
        List<String> uncovered = routes.stream()
                .filter(r -> least(r) == null && !PROVIDER_ONLY.contains(r.key()))
                .map(Route::key)
                .toList();
        assertThat(uncovered).as("routes no rule covers: say who may use them").isEmpty();

        Map<String, String> wrong = new LinkedHashMap<>();
        int calls = 0;
        for (Route r : routes) {
            Who least = least(r);
            for (Who who : Who.values()) {
                Response response = send(as(who), r.consumes()).request(r.method(), concrete(r.path()));
                calls++;
                int status = response.statusCode();
                boolean toSignIn = status == 302
                        && String.valueOf(response.header("Location")).endsWith("/login");
                boolean refused = status == 401 || status == 403 || toSignIn;
                if (PROVIDER_ONLY.contains(r.key())) {
                    if (!refused) {
                        wrong.put(r.key() + " as " + who, status + " (only the identity provider's sign-in opens it)");
                    }
                    continue;
                }
                if (who.ordinal() >= least.ordinal()) {
                    if (refused) {
                        wrong.put(r.key() + " as " + who, status + " (should be allowed)");
                    }
                } else if (who == Who.NOBODY ? !(status == 401 || toSignIn) : status != 403) {
                    wrong.put(
                            r.key() + " as " + who,
                            status + " (should be " + (who == Who.NOBODY ? "401 or sign-in" : "403") + ")");
                }
            }
        }
        System.out.printf(
                "authorisation matrix: %d routes x %d roles = %d calls%n", routes.size(), Who.values().length, calls);
        assertThat(wrong).as("answers that break the rules").isEmpty();
    }

    @Test
    void aRefusedPersonIsToldWhyAsProblemJsonOrAsAPage() {
        as(Who.EDITOR)
                .contentType("application/json")
                .body("{\"article\":1,\"list\":\"demo\"}")
                .post("/api/sends")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("role"))
                .body("detail", org.hamcrest.Matchers.containsString("editor (editor) may not do this"));
        String page = as(Who.VIEWER)
                .get("/ops")
                .then()
                .statusCode(403)
                .contentType("text/html")
                .extract()
                .asString();
        assertThat(page).contains("Not for your role", "matrix-viewer", "<code>/ops</code>");
    }
}
