package io.herald.delivery;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends over SMTP with Jakarta Mail (Eclipse Angus) through a pool of herald.smtp.pool-size connections that stay
 * open across messages and batches (Transport.send would open one per message), within the relay's rate limits.
 * Replies are classified from Angus's exceptions: 5xx is permanent, 4xx and I/O errors are temporary; after a failed
 * message Angus resets the transaction (RSET) and the connection stays usable.
 */
@ApplicationScoped
public class SmtpSender implements Sender {

    private final DeliveryConfig deliveryConfig;
    private final ConcurrentLinkedDeque<SMTPTransport> idle = new ConcurrentLinkedDeque<>();
    private Semaphore permits;
    private SlidingWindowLimiter perSecond;
    private SlidingWindowLimiter perHour;
    private jakarta.mail.Session session;

    SmtpSender(DeliveryConfig deliveryConfig) {
        this.deliveryConfig = deliveryConfig;
    }

    @PostConstruct
    void init() {
        DeliveryConfig.Smtp smtp = deliveryConfig.smtp();
        permits = new Semaphore(Math.max(1, smtp.poolSize()), true);
        perSecond =
                smtp.maxPerSecond() > 0 ? new SlidingWindowLimiter(smtp.maxPerSecond(), Duration.ofSeconds(1)) : null;
        perHour = smtp.maxPerHour() > 0 ? new SlidingWindowLimiter(smtp.maxPerHour(), Duration.ofHours(1)) : null;
        session = jakarta.mail.Session.getInstance(properties(smtp));
    }

    static Properties properties(DeliveryConfig.Smtp smtp) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put(
                "mail.smtp.connectiontimeout",
                String.valueOf(smtp.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(smtp.readTimeout().toMillis()));
        // The write timeout is the socket factory's (RelaySocketFactory): Angus's mail.smtp.writetimeout costs a
        // scheduled task per write.
        props.put("mail.smtp.socketFactory", new RelaySocketFactory(smtp.writeTimeout()));
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        props.put("mail.smtp.auth", String.valueOf(smtp.username().isPresent()));
        props.put("mail.smtp.quitwait", "false");
        props.put("mail.mime.charset", "UTF-8");
        return props;
    }

    @Override
    public Session open() throws DeliveryException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for an SMTP connection", false, true, -1, e);
        }
        SMTPTransport transport = idle.pollFirst();
        try {
            if (transport == null || !transport.isConnected()) {
                close(transport);
                transport = connect();
            }
            return new PooledSession(transport);
        } catch (DeliveryException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private SMTPTransport connect() throws DeliveryException {
        DeliveryConfig.Smtp smtp = deliveryConfig.smtp();
        try {
            SMTPTransport transport = new PreparedSmtpTransport(session, null);
            transport.connect(
                    smtp.host(),
                    smtp.port(),
                    smtp.username().orElse(null),
                    smtp.password().orElse(null));
            return transport;
        } catch (MessagingException e) {
            throw SmtpReplies.connectFailure(smtp.host() + ":" + smtp.port(), e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        SMTPTransport t;
        while ((t = idle.pollFirst()) != null) {
            close(t);
        }
    }

    private static void close(SMTPTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // Dropping it anyway.
            }
        }
    }

    /** A borrowed connection: back to the pool on close, unless it broke or a message announced on it was not sent. */
    private final class PooledSession implements Session {
        private SMTPTransport transport;
        /** The rate limits' slot for the next message was taken when it was announced to the relay. */
        private boolean paid;

        PooledSession(SMTPTransport transport) {
            this.transport = transport;
        }

        @Override
        public String send(MimeMessage message, Next next) throws DeliveryException {
            try {
                if (!paid) {
                    if (perSecond != null) {
                        perSecond.acquire();
                    }
                    if (perHour != null) {
                        perHour.acquire();
                    }
                }
                paid = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted while rate limited", false, true, -1, e);
            }
            try {
                if (transport instanceof PreparedSmtpTransport prepared) {
                    prepared.sendMessage(
                            message,
                            message.getAllRecipients(),
                            next == null
                                    ? null
                                    : new PreparedSmtpTransport.Following(
                                            // Announced only if the rate limits let it go now: a relay must not hold
                                            // an open DATA while Herald waits for a slot.
                                            () -> next.recipient() != null && (paid = slotNow())
                                                    ? next.recipient()
                                                    : null,
                                            next.message()::get));
                } else {
                    transport.sendMessage(message, message.getAllRecipients());
                    if (next != null) {
                        next.message().get();
                    }
                }
                return transport.getLastServerResponse();
            } catch (MessagingException e) {
                DeliveryException failure = SmtpReplies.classify("send", e);
                boolean dropped = transport instanceof PreparedSmtpTransport prepared && !prepared.open();
                if (failure.connectionLost() || dropped) {
                    SmtpSender.close(transport);
                    transport = null;
                    paid = false;
                }
                throw dropped ? failure.connectionGone() : failure;
            }
        }

        @Override
        public boolean announced() {
            return transport instanceof PreparedSmtpTransport prepared && prepared.announcing();
        }

        /** Takes the rate limits' slots for one message if they are free now (a per-second slot may go unused). */
        private boolean slotNow() {
            return (perSecond == null || perSecond.tryAcquire()) && (perHour == null || perHour.tryAcquire());
        }

        @Override
        public void close() {
            if (transport instanceof PreparedSmtpTransport prepared && prepared.announcing()) {
                prepared.abort();
            } else if (transport != null) {
                idle.offerFirst(transport);
            }
            transport = null;
            permits.release();
        }
    }
}
