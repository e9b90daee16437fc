package io.herald.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The demo mail server: with herald.mail.embedded-sink=true, an in-process GreenMail SMTP server on
 * 127.0.0.1:herald.smtp.port and an IMAP server on herald.mail.embedded-imap-port. Herald sends through it over real
 * SMTP; every recipient gets a mailbox whose IMAP login and password are both the address.
 */
@ApplicationScoped
public class EmbeddedSmtpSink {

    private final DeliveryConfig deliveryConfig;
    private GreenMail greenMail;

    EmbeddedSmtpSink(DeliveryConfig deliveryConfig) {
        this.deliveryConfig = deliveryConfig;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!deliveryConfig.mail().embeddedSink()) {
            return;
        }
        if (!"127.0.0.1".equals(deliveryConfig.smtp().host())
                && !"localhost".equals(deliveryConfig.smtp().host())) {
            throw new IllegalStateException("herald.mail.embedded-sink=true needs herald.smtp.host=127.0.0.1, not "
                    + deliveryConfig.smtp().host());
        }
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(deliveryConfig.smtp().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(deliveryConfig.mail().embeddedImapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        Log.infof(
                "Embedded mail sink: SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d (login and password: the address)",
                deliveryConfig.smtp().port(), deliveryConfig.mail().embeddedImapPort());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
