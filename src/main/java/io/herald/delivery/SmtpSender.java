package io.herald.delivery;

import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.herald.config.HeraldConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends over SMTP with Jakarta Mail (Eclipse Angus), keeping one connection open for many messages (Transport.send
 * would open one per message). Replies are classified from Angus's exceptions: 5xx is permanent, 4xx and I/O errors
 * are temporary.
 */
@ApplicationScoped
public class SmtpSender implements Sender {

    private final HeraldConfig config;

    SmtpSender(HeraldConfig config) {
        this.config = config;
    }

    jakarta.mail.Session mailSession() {
        HeraldConfig.Smtp smtp = config.smtp();
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", config.smtp().host());
        props.put("mail.smtp.port", String.valueOf(config.smtp().port()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(smtp.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(smtp.writeTimeout().toMillis()));
        props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        props.put("mail.smtp.auth", String.valueOf(smtp.username().isPresent()));
        props.put("mail.smtp.quitwait", "false");
        props.put("mail.mime.charset", "UTF-8");
        return jakarta.mail.Session.getInstance(props);
    }

    @Override
    public Session open() throws DeliveryException {
        jakarta.mail.Session session = mailSession();
        try {
            Transport transport = session.getTransport("smtp");
            transport.connect(config.smtp().host(), config.smtp().port(), config.smtp().username().orElse(null),
                    config.smtp().password().orElse(null));
            return new SmtpSession((SMTPTransport) transport);
        } catch (MessagingException e) {
            throw classify("connect to " + config.smtp().host() + ":" + config.smtp().port(), e);
        }
    }

    static DeliveryException classify(String what, MessagingException e) {
        int code = -1;
        String reply = e.getMessage();
        if (e instanceof SMTPAddressFailedException a) {
            code = a.getReturnCode();
        } else if (e instanceof SMTPSendFailedException s) {
            code = s.getReturnCode();
            Exception next = s.getNextException();
            if (next instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                reply = a.getMessage();
            }
        } else if (e.getNextException() instanceof SMTPAddressFailedException a) {
            code = a.getReturnCode();
            reply = a.getMessage();
        }
        boolean permanent = code >= 500 && code < 600;
        boolean lost = code < 0 || code == 421;
        String message = what + " failed: " + (reply == null ? e.getClass().getSimpleName() : reply.strip());
        return new DeliveryException(message, permanent, lost, code, e);
    }

    /** One open connection. */
    private static final class SmtpSession implements Session {
        private final SMTPTransport transport;

        SmtpSession(SMTPTransport transport) {
            this.transport = transport;
        }

        @Override
        public String send(MimeMessage message) throws DeliveryException {
            try {
                transport.sendMessage(message, message.getAllRecipients());
                return transport.getLastServerResponse();
            } catch (MessagingException e) {
                throw classify("send", e);
            }
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The connection is being dropped anyway.
            }
        }
    }
}
