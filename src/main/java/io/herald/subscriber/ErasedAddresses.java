package io.herald.subscriber;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;

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

    ErasedAddresses(AppSecrets secrets) {
        this.secrets = secrets;
    }

    public String key(String email) {
        return "erased:" + HexFormat.of().formatHex(secrets.hmac("erasure-key", email.toLowerCase(Locale.ROOT)));
    }

    /** The same keys from a Mac of its own, for one thread that keys many addresses (an import, row by row). */
    UnaryOperator<String> keysForOneThread() {
        Mac mac = secrets.ownMac("erasure-key");
        HexFormat hex = HexFormat.of();
        return email -> "erased:"
                + hex.formatHex(mac.doFinal(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }
}
