package io.herald.security;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The accounts a start makes. With no active admin, "admin" is created (HERALD_ADMIN_PASSWORD, or a random password
 * printed once); HERALD_EDITOR_PASSWORD and HERALD_OPS_PASSWORD keep the shared accounts of earlier versions working
 * with those roles. There is never a fixed default password. Passwords set here are not held to
 * {@link PasswordRules} (a deployment's existing secret must keep working), but a weak one is named in the log.
 */
@ApplicationScoped
public class StaffBootstrap {

    public static final String ADMIN = "admin";

    private final UserAccounts accounts;
    private final SecurityConfig config;
    private final PasswordRules rules;
    private final SecureRandom random = new SecureRandom();

    StaffBootstrap(UserAccounts accounts, SecurityConfig config, PasswordRules rules) {
        this.accounts = accounts;
        this.config = config;
        this.rules = rules;
    }

    void onStart(@Observes @Priority(5) StartupEvent event) throws SQLException {
        ensure(ADMIN, Role.ADMIN, config.adminPassword(), accounts.activeAdmins() == 0);
        ensure("editor", Role.EDITOR, config.editorPassword(), false);
        ensure("ops", Role.OPS, config.opsPassword(), false);
    }

    private void ensure(String name, Role role, Optional<String> configured, boolean generate) throws SQLException {
        Optional<String> password = configured.filter(p -> !p.isBlank());
        Optional<StaffAccount> existing = accounts.find(name);
        if (password.isPresent()) {
            rules.problem(password.get(), name, null)
                    .ifPresent(problem -> Log.warnf(
                            "The password set for '%s' is weak: %s. Choose a stronger one for HERALD_%s_PASSWORD",
                            name, problem, name.toUpperCase()));
            if (existing.isEmpty()) {
                accounts.create(name, null, role, AccountStatus.ACTIVE, "local", List.of(), password);
            } else if (!accounts.passwordMatches(name, password.get())) {
                accounts.setPassword(name, password.get());
            }
        } else if (generate) {
            byte[] bytes = new byte[15];
            random.nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (existing.isEmpty()) {
                accounts.create(name, null, role, AccountStatus.ACTIVE, "local", List.of(), Optional.of(generated));
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
