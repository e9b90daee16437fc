package io.herald.web;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route Herald serves, found by reading its resource classes (not a hand-kept list), called without
 * credentials: each is either on the short list of pages that are public by design, or refuses the anonymous caller
 * (401 on /api, a redirect to /login on pages).
 */
@QuarkusTest
class RouteSweepTest {

    /** Public by design: readers' pages (the landing page among them), sign-in, health. Everything else needs a user. */
    static final Set<String> PUBLIC = Set.of(
            "GET /unsubscribe",
            "GET /subscribe",
            "GET /subscribe/confirm",
            "POST /subscribe/confirm",
            "GET /preferences",
            "POST /preferences",
            "GET /articles/{id}",
            "GET /editions/{id}",
            "GET /login",
            "POST /logout",
            "GET /",
            "GET /favicon.ico");

    record Route(String method, String path) {
        String key() {
            return method + " " + path;
        }
    }

    static List<Route> routes() throws Exception {
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/herald/web"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName("io.herald.web." + name);
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class)
                            ? "GET"
                            : m.isAnnotationPresent(POST.class)
                                    ? "POST"
                                    : m.isAnnotationPresent(PUT.class)
                                            ? "PUT"
                                            : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    routes.add(new Route(verb, path.length() > 1 ? path.replaceAll("/$", "") : path));
                }
            }
        }
        // Not here: the plain Vert.x routes, POST /unsubscribe (RFC 8058 one-click), POST /subscribe (the website's
        // form) and the click redirect and open image (/r/..., /o/...), public by design and tested in
        // UnsubscribeTest, SignupFlowTest and EditionInsightTest.
        return routes;
    }

    static String concrete(String path) {
        return path.replaceAll("\\{action: [^}]+}", "pause")
                .replaceAll("\\{table: [^}]+}", "summary")
                .replaceAll("\\{[a-z]+}", "1");
    }

    @Test
    void everyRouteIsPublicByDesignOrRefusesAnonymousCallers() throws Exception {
        List<Route> routes = routes();
        assertThat(routes)
                .hasSizeGreaterThan(40)
                .extracting(Route::key)
                .contains(
                        "POST /api/sends", "GET /preview/articles/{id}", "GET /ops", "DELETE /api/subscribers/{email}");
        List<String> open = new ArrayList<>();
        for (Route r : routes) {
            Response response = given().redirects()
                    .follow(false)
                    .contentType("application/json")
                    .body("{}")
                    .request(r.method(), concrete(r.path()));
            int status = response.statusCode();
            boolean refused = status == 401
                    || status == 403
                    || (status == 302
                            && String.valueOf(response.header("Location")).endsWith("/login"));
            if (PUBLIC.contains(r.key())) {
                continue;
            }
            if (!refused) {
                open.add(r.key() + " -> " + status);
            }
        }
        assertThat(open).as("routes that answered an anonymous caller").isEmpty();
        // The public ones do not leak the staff pages' content
        given().get("/login").then().statusCode(200);
        given().redirects().follow(false).get("/preview").then().statusCode(302);
    }
}
