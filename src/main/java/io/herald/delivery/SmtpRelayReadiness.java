package io.herald.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the SMTP relay accepts connections (the database check comes with Quarkus's datasource). */
@Readiness
@ApplicationScoped
public class SmtpRelayReadiness implements HealthCheck {

    private final DeliveryConfig deliveryConfig;

    SmtpRelayReadiness(DeliveryConfig deliveryConfig) {
        this.deliveryConfig = deliveryConfig;
    }

    @Override
    public HealthCheckResponse call() {
        String relay =
                deliveryConfig.smtp().host() + ":" + deliveryConfig.smtp().port();
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            deliveryConfig.smtp().host(), deliveryConfig.smtp().port()),
                    (int) Math.min(2000, deliveryConfig.smtp().connectTimeout().toMillis()));
            return HealthCheckResponse.named("smtp-relay")
                    .up()
                    .withData("relay", relay)
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.named("smtp-relay")
                    .down()
                    .withData("relay", relay)
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
