package io.herald.delivery;

import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;

/** A transport for finished messages. One implementation per transport; SMTP is the only one today. */
public interface Sender {

    /** Opens a session that sends many messages over one connection. */
    Session open() throws DeliveryException;

    /**
     * The message a session sends next: its envelope recipient, known before the message is composed, and the
     * composition, which returns null when the message cannot be made (the caller learns why when it takes it).
     */
    record Next(String recipient, Supplier<MimeMessage> message) {}

    /** An open connection to the relay. */
    interface Session extends AutoCloseable {
        /** Sends one message; returns the relay's reply to it. */
        default String send(MimeMessage message) throws DeliveryException {
            return send(message, null);
        }

        /**
         * Sends one message. {@code next} (if not null) is the message the caller means to send next on this session:
         * the session may announce it to the relay with the end of this one (its MAIL FROM, RCPT TO and DATA leave
         * in the same write as this message's ".", RFC 2920), and has it composed while the relay takes this one in,
         * time the sender would otherwise spend waiting. After an announcement ({@link #announced()}) the caller must
         * either send exactly that message next or close the session, which then drops the connection: a relay never
         * gets a message nobody meant to send.
         */
        String send(MimeMessage message, Next next) throws DeliveryException;

        /** Whether the last send announced the next message to the relay: send it next, or close the session. */
        default boolean announced() {
            return false;
        }

        @Override
        void close();
    }
}
