package io.herald.subscriber;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import io.herald.storage.AppSecrets;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signed per-subscriber unsubscribe tokens: "&lt;list&gt;.&lt;subscriber&gt;.&lt;HMAC-SHA256&gt;", keyed with a secret
 * that every node reads from the database. They do not expire: a link in an old email must still work (RFC 8058).
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final AppSecrets secrets;

    UnsubscribeTokens(AppSecrets secrets) {
        this.secrets = secrets;
    }

    /** Who a token names: the list and the subscriber. */
    public record Subject(String listId, long subscriberId) {}

    public String issue(String listId, long subscriberId) {
        String payload = listId + "." + subscriberId;
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The subject of a genuine token; empty for anything forged, altered or malformed. */
    public Optional<Subject> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac(payload))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Subject(payload.substring(0, first), Long.parseLong(payload.substring(first + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        return secrets.hmac("unsubscribe-token-key", payload);
    }
}
