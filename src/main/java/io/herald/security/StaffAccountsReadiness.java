package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "staff-accounts": down while the accounts the configuration names are being made at start
 * ({@link StaffBootstrap} makes them beside the rest of the start), and with the reason if that failed.
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
        if (bootstrap.accountsMade()) {
            return HealthCheckResponse.up("staff-accounts");
        }
        return HealthCheckResponse.named("staff-accounts")
                .down()
                .withData(
                        "accounts", bootstrap.failure().map(e -> "failed: " + e).orElse("being made"))
                .build();
    }
}
