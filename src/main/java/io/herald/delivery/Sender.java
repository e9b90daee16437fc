package io.herald.delivery;

import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;

/** A transport for finished messages. One implementation per transport; SMTP is the only one today. */
public interface Sender {

    /** Opens a session that sends many messages over one connection. */
    Session open() throws DeliveryException;

    /** An open connection to the relay. */
    interface Session extends AutoCloseable {
        /** Sends one message; returns the relay's reply to it. */
        default String send(MimeMessage message) throws DeliveryException {
            return send(message, null);
        }

        /**
         * Sends one message. {@code next} (if not null) composes the message the caller will send next on this
         * session, or returns null when there is none; it is called while the relay takes this message in, time the
         * sender would otherwise spend waiting. When it returns a message, the session may announce that message to
         * the relay (its MAIL FROM, RCPT TO and DATA leave with the end of this one, RFC 2920), so the caller must
         * either send exactly that message next or close the session, which then drops the connection: a relay
         * never gets a message nobody meant to send.
         */
        String send(MimeMessage message, Supplier<MimeMessage> next) throws DeliveryException;

        @Override
        void close();
    }
}
