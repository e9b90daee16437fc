package io.herald.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.herald.config.HeraldConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only when the SMTP relay accepts connections (the database check comes with Quarkus's datasource). */
@Readiness
@ApplicationScoped
public class SmtpRelayReadiness implements HealthCheck {

    private final HeraldConfig config;

    SmtpRelayReadiness(HeraldConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String relay = config.smtp().host() + ":" + config.smtp().port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(config.smtp().host(), config.smtp().port()),
                    (int) Math.min(2000, config.smtp().connectTimeout().toMillis()));
            return HealthCheckResponse.named("smtp-relay").up().withData("relay", relay).build();
        } catch (IOException e) {
            return HealthCheckResponse.named("smtp-relay").down().withData("relay", relay)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
