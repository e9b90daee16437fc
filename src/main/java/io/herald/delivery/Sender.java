package io.herald.delivery;

import jakarta.mail.internet.MimeMessage;

/** A transport for finished messages. One implementation per transport; SMTP is the only one today. */
public interface Sender {

    /** Opens a session that sends many messages over one connection. */
    Session open() throws DeliveryException;

    /** An open connection to the relay. */
    interface Session extends AutoCloseable {
        /** Sends one message; returns the relay's reply to it. */
        String send(MimeMessage message) throws DeliveryException;

        @Override
        void close();
    }
}
