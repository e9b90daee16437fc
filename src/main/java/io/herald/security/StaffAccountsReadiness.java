package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "staff-accounts": up while the accounts the configuration names are being made at start
 * ({@link StaffBootstrap} makes them after the rest of the start; a password check waits for them) and once they are
 * in place; down, with the reason, if they could not be made (the node then stops).
 */
@Readiness
@ApplicationScoped
public class StaffAccountsReadiness implements HealthCheck {

    private final StaffBootstrap bootstrap;

    StaffAccountsReadiness(StaffBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        java.util.Optional<String> failure = bootstrap.failure();
        return HealthCheckResponse.named("staff-accounts")
                .status(failure.isEmpty())
                .withData(
                        "accounts",
                        failure.map(e -> "failed: " + e).orElse(bootstrap.accountsMade() ? "in place" : "being made"))
                .build();
    }
}
