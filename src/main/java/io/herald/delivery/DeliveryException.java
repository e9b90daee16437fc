package io.herald.delivery;

/**
 * A message that did not go out, with what the relay said. Permanent failures (5xx) are not retried; temporary
 * ones (4xx, lost connections, timeouts) are. {@code connectionLost} says the session must be reopened;
 * {@code hardBounce} says the relay refused the address itself (5xx at RCPT), so it is suppressed.
 * {@link #relayRefusesHerald} says no message can go out until someone changes the configuration (login refused,
 * STARTTLS required but not offered, TLS failed, 5xx greeting): the send pauses at once with the reason.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final boolean connectionLost;
    private final int replyCode;
    private final boolean hardBounce;
    private boolean relayRefusesHerald;

    public DeliveryException(
            String message, boolean permanent, boolean connectionLost, int replyCode, Throwable cause) {
        this(message, permanent, connectionLost, replyCode, cause, false);
    }

    public DeliveryException(
            String message,
            boolean permanent,
            boolean connectionLost,
            int replyCode,
            Throwable cause,
            boolean hardBounce) {
        super(message, cause);
        this.permanent = permanent;
        this.connectionLost = connectionLost;
        this.replyCode = replyCode;
        this.hardBounce = hardBounce;
    }

    /** The same failure, on a connection that is gone (Herald dropped it): the next message needs a new one. */
    DeliveryException connectionGone() {
        DeliveryException e = new DeliveryException(getMessage(), permanent, true, replyCode, getCause(), hardBounce);
        e.relayRefusesHerald = relayRefusesHerald;
        return e;
    }

    /** A refusal of Herald itself, not of a message: see the class comment. */
    public static DeliveryException relayRefusesHerald(String message, Throwable cause) {
        DeliveryException e = new DeliveryException(message, false, true, -1, cause);
        e.relayRefusesHerald = true;
        return e;
    }

    public boolean relayRefusesHerald() {
        return relayRefusesHerald;
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean connectionLost() {
        return connectionLost;
    }

    public boolean hardBounce() {
        return hardBounce;
    }

    /** The SMTP reply code, or -1 when the relay gave none (connection refused, timeout). */
    public int replyCode() {
        return replyCode;
    }
}
