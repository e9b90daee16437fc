package io.herald.delivery;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a relay's refusal means for the message and the address: temporary or permanent, a lost connection, Herald
 * itself refused (login, STARTTLS, TLS, a 5xx greeting), or the mailbox gone (a hard bounce that suppresses it).
 */
final class SmtpReplies {

    private SmtpReplies() {}

    /**
     * Why a connection could not be opened: temporary (unreachable, 4xx greeting, timeout) unless the relay refuses
     * Herald itself, which no retry mends.
     */
    static DeliveryException connectFailure(String relay, MessagingException e) {
        String said = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        if (e instanceof jakarta.mail.AuthenticationFailedException) {
            return DeliveryException.relayRefusesHerald(
                    "the relay " + relay + " refused Herald's login "
                            + "(herald.smtp.username and herald.smtp.password): " + said,
                    e);
        }
        if (said.contains("STARTTLS")) {
            return DeliveryException.relayRefusesHerald(
                    "herald.smtp.starttls is on but the relay " + relay + " does not offer STARTTLS: " + said, e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return DeliveryException.relayRefusesHerald(
                        "TLS with the relay " + relay + " failed: " + t.getMessage(), e);
            }
        }
        java.util.regex.Matcher greeting = GREETING_REFUSED.matcher(said);
        if (greeting.find()) {
            return DeliveryException.relayRefusesHerald(
                    "the relay " + relay + " refuses connections from Herald: " + said, e);
        }
        return classify("connect to " + relay, e);
    }

    /** Angus's words for a 5xx greeting: "Could not connect to SMTP host: h, port: p, response: 554". */
    private static final java.util.regex.Pattern GREETING_REFUSED =
            java.util.regex.Pattern.compile("response: 5\\d\\d");

    static DeliveryException classify(String what, MessagingException e) {
        int code = -1;
        String reply = e.getMessage();
        boolean atRecipient = false;
        if (e instanceof SMTPAddressFailedException a) {
            code = a.getReturnCode();
            atRecipient = true;
        } else if (e instanceof SMTPSendFailedException s) {
            code = s.getReturnCode();
            if (s.getNextException() instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                reply = a.getMessage();
                atRecipient = true;
            }
        } else if (e.getNextException() instanceof SMTPAddressFailedException a) {
            code = a.getReturnCode();
            reply = a.getMessage();
            atRecipient = true;
        }
        if (e.getNextException() instanceof java.io.IOException io
                && reply != null
                && io.getMessage() != null
                && !reply.contains(io.getMessage())) {
            // "Exception reading response" alone does not tell ops a timeout from a reset.
            reply = reply.strip() + " (" + io.getClass().getSimpleName() + ": " + io.getMessage() + ")";
        }
        boolean permanent = code >= 500 && code < 600;
        boolean lost = code < 0 || code == 421;
        String message = what + " failed: " + (reply == null ? e.getClass().getSimpleName() : reply.strip());
        return new DeliveryException(
                message,
                permanent,
                lost,
                code,
                e,
                permanent && (atRecipient || ENHANCED_MAILBOX.matcher(message).find()) && mailboxGone(message));
    }

    private static final java.util.regex.Pattern ENHANCED_MAILBOX =
            java.util.regex.Pattern.compile("\\b5\\.(1\\.\\d{1,2}|2\\.1)\\b");
    private static final java.util.regex.Pattern ANY_ENHANCED =
            java.util.regex.Pattern.compile("\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final java.util.regex.Pattern GONE_WORDS = java.util.regex.Pattern.compile(
            "(?i)unknown|no such|does not exist|not exist|not found|invalid (recipient|mailbox|address)|"
                    + "mailbox unavailable|disabled");

    /**
     * Whether a permanent refusal says the address itself is bad (a hard bounce, to suppress), rather than the
     * message or a policy ("550 5.7.1 relaying denied" must not suppress a whole list): the enhanced status code
     * when the relay gives one (5.1.x bad address, 5.2.1 disabled mailbox), else the reply's words.
     */
    static boolean mailboxGone(String reply) {
        if (ANY_ENHANCED.matcher(reply).find()) {
            return ENHANCED_MAILBOX.matcher(reply).find();
        }
        return GONE_WORDS.matcher(reply).find();
    }
}
