package io.herald.delivery;

/**
 * A message that did not go out, with what the relay said. Permanent failures (5xx) are not retried; temporary
 * ones (4xx, lost connections, timeouts) are. {@code connectionLost} says the session must be reopened;
 * {@code hardBounce} says the relay refused the address itself (5xx at RCPT), so it is suppressed.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final boolean connectionLost;
    private final int replyCode;
    private final boolean hardBounce;

    public DeliveryException(String message, boolean permanent, boolean connectionLost, int replyCode, Throwable cause) {
        this(message, permanent, connectionLost, replyCode, cause, false);
    }

    public DeliveryException(String message, boolean permanent, boolean connectionLost, int replyCode, Throwable cause,
            boolean hardBounce) {
        super(message, cause);
        this.permanent = permanent;
        this.connectionLost = connectionLost;
        this.replyCode = replyCode;
        this.hardBounce = hardBounce;
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
