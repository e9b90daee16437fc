package io.herald.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.herald.storage.AppSecrets;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signed, expiring tokens for links that act for one person: the opt-in confirmation ("confirm") and the
 * preferences page ("prefs"). "&lt;purpose&gt;~&lt;payload&gt;~&lt;expiry&gt;~&lt;HMAC-SHA256&gt;", base64url, keyed with a
 * secret every node reads from the database. A token for one purpose is refused for another; altered, expired or
 * malformed tokens are refused.
 */
@ApplicationScoped
public class SignedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final AppSecrets secrets;

    SignedTokens(AppSecrets secrets) {
        this.secrets = secrets;
    }

    public String issue(String purpose, String payload, Instant expires) {
        String body = purpose + "~" + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "~"
                + expires.getEpochSecond();
        return body + "~" + B64.encodeToString(mac(body));
    }

    /** The payload of a genuine, unexpired token for this purpose. */
    public Optional<String> verify(String purpose, String token, Instant now) {
        if (token == null || token.length() > 4000) {
            return Optional.empty();
        }
        String[] parts = token.split("~");
        if (parts.length != 4 || !parts[0].equals(purpose)) {
            return Optional.empty();
        }
        try {
            byte[] given = Base64.getUrlDecoder().decode(parts[3]);
            if (!MessageDigest.isEqual(given, mac(parts[0] + "~" + parts[1] + "~" + parts[2]))) {
                return Optional.empty();
            }
            if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(now)) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        return secrets.hmac("signed-link-key", payload);
    }
}
