package io.herald.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.herald.storage.AppSecrets;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Herald's Message-IDs: {@code <herald.SEND.SUBSCRIBER.MAC@domain>}, the same for every attempt at one (send,
 * subscriber) so receivers can deduplicate, with a MAC under a secret of Herald's. The MAC is what lets the bounce
 * mailbox believe a report: the bounce address is public (it is every newsletter's Return-Path), and a report that
 * quotes no Message-ID Herald made for that reader could be anyone's attempt to unsubscribe them.
 */
@ApplicationScoped
public class MessageIds {

    private static final String SECRET = "message-id";
    private static final Pattern HERALD =
            Pattern.compile("<?herald\\.([^.@<>\\s]+)\\.(\\d{1,18})\\.([0-9a-f]{16})@[^>\\s]+>?");

    private final AppSecrets secrets;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    // Read from the database once, not once per thread: a worker thread that starts while the database is away
    // still builds its messages.
    private volatile byte[] key;

    MessageIds(AppSecrets secrets) {
        this.secrets = secrets;
    }

    public String of(String send, long subscriberId, String domain) {
        return "<herald." + send + "." + subscriberId + "." + mac(send, subscriberId) + "@" + domain + ">";
    }

    /** The subscriber a Message-ID of Herald's was made for; empty for any other Message-ID, or an altered one. */
    public OptionalLong subscriber(String messageId) {
        Matcher m = HERALD.matcher(messageId == null ? "" : messageId.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long subscriber = Long.parseLong(m.group(2));
        byte[] expected = mac(m.group(1), subscriber).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))
                ? OptionalLong.of(subscriber)
                : OptionalLong.empty();
    }

    /** The send a Message-ID of Herald's belongs to (its label s&lt;id&gt;); empty for others, or an altered one. */
    public OptionalLong send(String messageId) {
        if (subscriber(messageId).isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = HERALD.matcher(messageId.strip());
        return m.matches() && m.group(1).matches("s\\d{1,18}")
                ? OptionalLong.of(Long.parseLong(m.group(1).substring(1)))
                : OptionalLong.empty();
    }

    private String mac(String send, long subscriberId) {
        byte[] full = macs.get().doFinal((send + "." + subscriberId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(full, 0, 8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] k = key;
            if (k == null) {
                k = secrets.get(SECRET);
                key = k;
            }
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
