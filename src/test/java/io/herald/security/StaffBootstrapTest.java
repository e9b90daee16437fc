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
 * earlier versions keep their configured passwords. The start makes them after the rest of the start, on a thread of
 * their own: the node is ready meanwhile (a password check waits for them), and not ready if they could not be made.
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

    @Inject
    SecurityConfig config;

    @Inject
    PasswordRules rules;

    @Inject
    io.herald.storage.Transactions transactions;

    @Test
    void readinessIsDownOnlyWhenTheStartCouldNotMakeTheAccounts() {
        // A database without Herald's tables: the start's first read of the accounts fails, as a broken schema would.
        org.h2.jdbcx.JdbcDataSource empty = new org.h2.jdbcx.JdbcDataSource();
        empty.setURL("jdbc:h2:mem:no-accounts-" + System.nanoTime());
        StaffBootstrap failing =
                new StaffBootstrap(new UserAccounts(empty, transactions, java.time.Clock.systemUTC()), config, rules);
        StaffAccountsReadiness readiness = new StaffAccountsReadiness(failing);

        // While the accounts are being made the node is ready: readers' pages need none, a sign-in waits for them.
        assertThat(readiness.call().getStatus())
                .isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP);
        assertThat(readiness.call().getData())
                .get()
                .extracting(d -> d.get("accounts"))
                .isEqualTo("being made");

        assertThat(failing.makeAccounts()).isFalse();

        assertThat(readiness.call().getStatus())
                .isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN);
        assertThat(readiness.call().getData())
                .get()
                .extracting(d -> String.valueOf(d.get("accounts")))
                .asString()
                .startsWith("failed: ")
                .containsIgnoringCase("APP_USER");
        assertThat(failing.awaitAccounts(java.time.Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void theNodeIsReadyOnceTheStartsAccountsAreMade() {
        assertThat(bootstrap.awaitAccounts(java.time.Duration.ofSeconds(30))).isTrue();
        io.restassured.RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'staff-accounts' }.status", org.hamcrest.Matchers.is("UP"))
                .body(
                        "checks.find { it.name == 'staff-accounts' }.data.accounts",
                        org.hamcrest.Matchers.is("in place"));
    }
}
