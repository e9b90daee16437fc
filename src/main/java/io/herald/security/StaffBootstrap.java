package io.herald.security;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The accounts a start makes. With no active admin, "admin" is created (HERALD_ADMIN_PASSWORD, or a random password
 * printed once); HERALD_EDITOR_PASSWORD and HERALD_OPS_PASSWORD keep the shared accounts of earlier versions working
 * with those roles. There is never a fixed default password. Passwords set here are not held to
 * {@link PasswordRules} (a deployment's existing secret must keep working), but a weak one is named in the log.
 *
 * <p>Hashing or checking a configured password is bcrypt's deliberate tenth of a second each, and the weak-password
 * check loads its dictionaries: about half a second of a core on a two-core node. The accounts are made on a thread
 * of their own, started after the rest of the start's own work ({@link #AFTER_THE_START}) so that it does not take a
 * core from it, and the node is ready meanwhile: the pages readers use need no account, and a password check waits
 * for the accounts ({@link #awaitAccounts}), not for the weak-password check, which comes after them. Readiness
 * ({@link StaffAccountsReadiness}) is down only if they could not be made, and the node then stops, as a failed start
 * did when they were made in line. (Readiness that waited for them kept a second start 0.2-0.7 s longer on two cores:
 * BENCHMARKS.md, "Ready while the staff accounts are made".)
 */
@ApplicationScoped
public class StaffBootstrap {

    public static final String ADMIN = "admin";

    private final UserAccounts accounts;
    private final SecurityConfig config;
    private final PasswordRules rules;
    private final SecureRandom random = new SecureRandom();
    private final CompletableFuture<Void> made = new CompletableFuture<>();

    StaffBootstrap(UserAccounts accounts, SecurityConfig config, PasswordRules rules) {
        this.accounts = accounts;
        this.config = config;
        this.rules = rules;
    }

    /**
     * The observer priority of the accounts' start: after every other start observer of Herald's (schema, lists,
     * sample, jobs), whose work is on the start's own thread.
     */
    static final int AFTER_THE_START = 1000;

    void onStart(@Observes @Priority(AFTER_THE_START) StartupEvent event) {
        Thread thread = new Thread(
                () -> {
                    if (!makeAccounts()) {
                        Quarkus.asyncExit(1);
                    }
                },
                "staff-accounts");
        thread.setDaemon(true);
        thread.start();
    }

    /** Makes the start's accounts and says so to those waiting for them; false (and logged) if that failed. */
    boolean makeAccounts() {
        try {
            ensureAll();
            made.complete(null);
        } catch (SQLException | RuntimeException e) {
            made.completeExceptionally(e);
            Log.errorf(e, "The staff accounts could not be made or checked at start: stopping");
            return false;
        }
        // Once a sign-in need no longer wait: the weak-password check loads its dictionaries (a sixth of a second).
        warnIfWeak(ADMIN, config.adminPassword());
        warnIfWeak("editor", config.editorPassword());
        warnIfWeak("ops", config.opsPassword());
        return true;
    }

    /** Names a weak configured password in the log; the accounts are in place, so a failure here is only logged. */
    private void warnIfWeak(String name, Optional<String> configured) {
        try {
            configured
                    .filter(p -> !p.isBlank())
                    .flatMap(p -> rules.problem(p, name, null))
                    .ifPresent(problem -> Log.warnf(
                            "The password set for '%s' is weak: %s. Choose a stronger one for HERALD_%s_PASSWORD",
                            name, problem, name.toUpperCase()));
        } catch (RuntimeException e) {
            Log.warnf(e, "The password set for '%s' could not be checked for strength", name);
        }
    }

    /** Makes or corrects the accounts the configuration names, on the caller's thread. */
    void ensureAll() throws SQLException {
        ensure(ADMIN, Role.ADMIN, config.adminPassword(), accounts.activeAdmins() == 0);
        ensure("editor", Role.EDITOR, config.editorPassword(), false);
        ensure("ops", Role.OPS, config.opsPassword(), false);
    }

    /** Whether the start's accounts are in place, waiting for them up to {@code limit}; false if they failed. */
    public boolean awaitAccounts(Duration limit) {
        try {
            made.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Whether the start's accounts are in place (false while they are being made, and if that failed). */
    boolean accountsMade() {
        return made.isDone() && !made.isCompletedExceptionally();
    }

    /** Why the start's accounts could not be made, once that has happened. */
    Optional<String> failure() {
        return made.isCompletedExceptionally()
                ? Optional.of(
                        made.handle((ok, e) -> String.valueOf(e.getMessage())).join())
                : Optional.empty();
    }

    /** Creates the account; false when another node starting at the same moment created it first. */
    private boolean made(String name, Role role, String password) {
        try {
            accounts.create(name, null, role, AccountStatus.ACTIVE, "local", List.of(), Optional.of(password));
            return true;
        } catch (SQLException | io.herald.common.Refusal raced) {
            Log.infof("Account '%s' was made by another node starting at the same time", name);
            return false;
        }
    }

    private void ensure(String name, Role role, Optional<String> configured, boolean generate) throws SQLException {
        Optional<String> password = configured.filter(p -> !p.isBlank());
        Optional<StaffAccount> existing = accounts.find(name);
        if (password.isPresent()) {
            if (existing.isEmpty() && made(name, role, password.get())) {
                return;
            }
            if (!accounts.passwordMatches(name, password.get())) {
                accounts.setPassword(name, password.get());
            }
            if (generate) {
                // No active admin is left: the configured admin password is the way back in.
                Optional<StaffAccount> now = accounts.find(name);
                if (now.isPresent()
                        && (now.get().status() != AccountStatus.ACTIVE
                                || now.get().role() != role)) {
                    accounts.change(name, role, AccountStatus.ACTIVE, now.get().email(), List.of());
                }
            }
        } else if (generate) {
            byte[] bytes = new byte[15];
            random.nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (existing.isEmpty()) {
                if (!made(name, role, generated)) {
                    return; // another node of the cluster made it at the same moment and printed its password
                }
            } else {
                accounts.change(name, role, AccountStatus.ACTIVE, existing.get().email(), List.of());
                accounts.setPassword(name, generated);
            }
            Log.warnf(
                    "Generated a password for user '%s': %s  (shown once; set HERALD_%s_PASSWORD to choose one, "
                            + "then invite the newsroom's people at /ops/people)",
                    name, generated, name.toUpperCase());
        }
    }
}
