package io.herald.delivery;

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
         * Sends one message, running {@code meanwhile} (if not null) while the relay takes the message in, between
         * the end of its data and the relay's reply: time the sender would otherwise spend waiting.
         */
        String send(MimeMessage message, Runnable meanwhile) throws DeliveryException;

        @Override
        void close();
    }
}
