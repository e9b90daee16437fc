package io.herald.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.herald.storage.AppSecrets;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an erasure leaves of an address: "erased:" and an HMAC-SHA256 of it under a key kept in the database. The
 * suppression list holds that, so a later import or signup of the same address is refused, while the address itself
 * cannot be read back from it (nor guessed by hashing candidates, without the key).
 */
@ApplicationScoped
public class ErasedAddresses {

    private final AppSecrets secrets;
    private volatile byte[] key;

    ErasedAddresses(AppSecrets secrets) {
        this.secrets = secrets;
    }

    public String key(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return "erased:" + HexFormat.of().formatHex(
                    mac.doFinal(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        if (key == null) {
            key = secrets.get("erasure-key");
        }
        return key;
    }
}
