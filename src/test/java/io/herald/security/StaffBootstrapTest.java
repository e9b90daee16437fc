package io.herald.security;

import java.util.List;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts a start makes: with every admin disabled, the next start (here, its startup observer called again)
 * makes "admin" active with the configured password, so a newsroom cannot lock itself out; the shared accounts of
 * earlier versions keep their configured passwords. The start makes them beside the rest of the start: readiness
 * says when they are in place.
 */
@QuarkusTest
class StaffBootstrapTest {

    @Inject
    UserAccounts accounts;

    @Inject
    StaffBootstrap bootstrap;

    @Test
    void withNoActiveAdminTheNextStartGivesTheAdminBack() throws Exception {
        accounts.change("admin", Role.ADMIN, AccountStatus.DISABLED, null, List.of());
        assertThat(accounts.activeAdmins()).isZero();
        Api.admin().get("/api/users").then().statusCode(401);

        bootstrap.ensureAll();

        assertThat(accounts.activeAdmins()).isEqualTo(1);
        Api.admin().get("/api/users").then().statusCode(200);
        assertThat(accounts.find("editor")).get().extracting(StaffAccount::role).isEqualTo(Role.EDITOR);
        assertThat(accounts.find("ops")).get().extracting(StaffAccount::role).isEqualTo(Role.OPS);
        Api.editor().get("/api/articles").then().statusCode(200);
        Api.ops().get("/api/sends/987654").then().statusCode(404);
    }

    @Test
    void aConfiguredPasswordTheStartCheckedNeedsNoSecondBcryptUntilItChanges() throws Exception {
        accounts.endSessions("ops"); // a new stamp: what earlier calls left remembered no longer counts
        assertThat(accounts.remembers("ops", Api.OPS_PASSWORD)).isFalse();
        bootstrap.ensureAll();
        assertThat(accounts.remembers("ops", Api.OPS_PASSWORD)).isTrue();
        assertThat(accounts.remembers("ops", Api.OPS_PASSWORD + "x")).isFalse();
        Api.ops().get("/api/sends/987654").then().statusCode(404);

        try {
            accounts.setPassword("ops", "A-new-ops-password-for-this-test-41");
            assertThat(accounts.remembers("ops", Api.OPS_PASSWORD))
                    .as("a new password: the old one is forgotten")
                    .isFalse();
            assertThat(accounts.remembers("ops", "A-new-ops-password-for-this-test-41"))
                    .isTrue();
            Api.ops().get("/api/sends/987654").then().statusCode(401);
        } finally {
            bootstrap.ensureAll(); // the next start puts the configured password back
        }
        assertThat(accounts.remembers("ops", Api.OPS_PASSWORD)).isTrue();
        Api.ops().get("/api/sends/987654").then().statusCode(404);

        // An account made with a password (as a first start makes the configured ones) is known the same way.
        String made = "made-" + System.nanoTime();
        try {
            accounts.create(
                    made,
                    null,
                    Role.EDITOR,
                    AccountStatus.ACTIVE,
                    "local",
                    List.of(),
                    java.util.Optional.of("Made-with-a-password-73"));
            assertThat(accounts.remembers(made, "Made-with-a-password-73")).isTrue();
            assertThat(accounts.authenticate(made, "Made-with-a-password-73")).isPresent();
            assertThat(accounts.authenticate(made, "Made-with-a-password-74")).isEmpty();
        } finally {
            accounts.remove(made);
        }
    }

    @Test
    void theNodeIsReadyOnceTheStartsAccountsAreMade() {
        assertThat(bootstrap.awaitAccounts(java.time.Duration.ofSeconds(30))).isTrue();
        io.restassured.RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'staff-accounts' }.status", org.hamcrest.Matchers.is("UP"));
    }
}
