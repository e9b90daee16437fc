package io.herald.web;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.security.AccountStatus;
import io.herald.security.Role;
import io.herald.security.UserAccounts;
import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Single sign-on against a real OpenID Connect provider process: Quarkus's OIDC test server (WireMock on its own
 * port, serving discovery, signing keys, a login page, and authorization and token endpoints that issue signed
 * tokens for "alice" with the groups "user" and "admin"). The browser's round trip is followed hop by hop: Herald
 * sends the visitor to the provider, the provider's login sends them back with a code, Herald exchanges the code,
 * checks the tokens' signatures, and the person is alice with the role the group mapping gives (admin group: ops).
 * Local accounts keep signing in with the form beside it, and an admin can disable the provider's person.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.WithIdentityProvider.class)
class OidcSignInTest {

    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>();
            c.put("quarkus.oidc.tenant-enabled", "true");
            c.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/");
            c.put("quarkus.oidc.client-id", "quarkus-web-app");
            c.put("quarkus.oidc.credentials.secret", "secret");
            c.put("quarkus.oidc.token.issuer", "https://server.example.com");
            c.put("quarkus.oidc.token.audience", "https://id.server.example.com");
            c.put("herald.oidc.roles.ops", "admin");
            c.put("herald.oidc.roles.editor", "user");
            return c;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    static final Pattern STATE = Pattern.compile("id=\"state\" name=\"state\" value=\"([^\"]+)\"");

    @Inject
    UserAccounts accounts;

    /** Follows the code flow as a browser does; returns Herald's cookies once the person is back, signed in. */
    static Map<String, String> signInThroughTheProvider() {
        Map<String, String> cookies = new HashMap<>();
        Response toProvider = given().redirects().follow(false).get("/sso");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        cookies.putAll(toProvider.cookies());
        URI authorize = URI.create(toProvider.header("Location"));
        assertThat(authorize.getPath()).isEqualTo("/auth/realms/quarkus");
        assertThat(authorize.getQuery()).contains("response_type=code", "client_id=quarkus-web-app");

        String loginPage = given().redirects()
                .follow(false)
                .get(authorize)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher state = STATE.matcher(loginPage);
        assertThat(state.find()).as(loginPage).isTrue();
        String redirect = java.net.URLDecoder.decode(
                authorize.getQuery().replaceAll(".*redirect_uri=([^&]+).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        Response back = given().redirects()
                .follow(false)
                .queryParam("state", state.group(1))
                .queryParam("redirect_uri", redirect)
                .get(authorize.resolve("/login"));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.header("Location"));
        assertThat(callback.getQuery()).contains("code=");

        Response landed = given().redirects()
                .follow(false)
                .cookies(cookies)
                .get(callback.getPath() + "?" + callback.getRawQuery());
        cookies.putAll(landed.cookies());
        // The code is exchanged; the session cookie is set and the browser goes back to /sso, then to the preview
        Response sso = given().redirects().follow(false).cookies(cookies).get("/sso");
        cookies.putAll(sso.cookies());
        assertThat(sso.statusCode()).as(sso.asString()).isEqualTo(303);
        assertThat(sso.header("Location")).endsWith("/preview");
        return cookies;
    }

    @Test
    void aNewsroomAccountSignsInWithTheRoleItsGroupsGive() throws Exception {
        given().get("/login").then().statusCode(200).body(containsString("href=\"/sso\""));
        // With sign-on on, a staff page sends an anonymous visitor to the provider (the newsroom's main way in);
        // people with local accounts open /login, which offers both
        given().redirects()
                .follow(false)
                .get("/preview")
                .then()
                .statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus?response_type=code"));
        Map<String, String> cookies = signInThroughTheProvider();
        assertThat(cookies).containsKey("q_session");

        String preview = given().cookies(cookies)
                .get("/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(preview).contains("alice", "(ops)");
        given().redirects().follow(false).cookies(cookies).get("/ops").then().statusCode(200);
        given().redirects()
                .follow(false)
                .cookies(cookies)
                .get("/ops/people")
                .then()
                .statusCode(403);

        // Herald knows her now: an account from the provider, with the role the groups gave, and the sign-in on record
        assertThat(accounts.find("alice")).get().satisfies(a -> {
            assertThat(a.source()).isEqualTo("oidc");
            assertThat(a.role()).isEqualTo(Role.OPS);
        });
        Api.ops()
                .queryParam("actor", "alice")
                .queryParam("action", "sign-in")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("[0].detail", containsString("\"via\":\"oidc\""));

        // Local accounts sign in with the form beside it
        PeopleTest.signIn("editor", Api.EDITOR_PASSWORD);

        // Disabled by an admin: her next request has no role, whatever the provider says
        accounts.change("alice", Role.OPS, AccountStatus.DISABLED, null, List.of());
        given().redirects().follow(false).cookies(cookies).get("/ops").then().statusCode(403);
        accounts.change("alice", Role.OPS, AccountStatus.ACTIVE, null, List.of());
        given().redirects().follow(false).cookies(cookies).get("/ops").then().statusCode(200);
    }
}
