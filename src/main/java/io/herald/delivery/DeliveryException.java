package io.herald.delivery;

/**
 * A message that did not go out, with what the relay said. Permanent failures (5xx) are not retried; temporary
 * ones (4xx, lost connections, timeouts) are. {@code connectionLost} says the session must be reopened.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final boolean connectionLost;
    private final int replyCode;

    public DeliveryException(String message, boolean permanent, boolean connectionLost, int replyCode, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.connectionLost = connectionLost;
        this.replyCode = replyCode;
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean connectionLost() {
        return connectionLost;
    }

    /** The SMTP reply code, or -1 when the relay gave none (connection refused, timeout). */
    public int replyCode() {
        return replyCode;
    }
}
