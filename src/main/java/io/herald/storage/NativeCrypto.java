package io.herald.storage;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.quarkus.logging.Log;

/**
 * Cryptography in native code: Amazon Corretto Crypto Provider (AWS-LC) when its library loads here (Linux on x86-64
 * or aarch64, a temporary directory it may load code from) and passes its self-tests. Asked for by name where Herald
 * wants it (DKIM's RSA and body hash, the HMACs of tokens and Message-IDs), never installed as a JVM-wide provider.
 * Loading it takes about 0.3 s, once, on first use; nothing on the way to a node being ready asks for it.
 */
public final class NativeCrypto {

    private NativeCrypto() {}

    private static final class Loaded {
        static final String WHY_NOT;
        static final Provider PROVIDER;

        static {
            StringBuilder whyNot = new StringBuilder();
            Provider provider = null;
            long started = System.nanoTime();
            try {
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                if (accp.getLoadingError() != null) {
                    whyNot.append(accp.getLoadingError());
                } else {
                    accp.assertHealthy();
                    provider = accp;
                }
            } catch (RuntimeException | LinkageError e) {
                whyNot.append(e);
            }
            PROVIDER = provider;
            WHY_NOT = whyNot.toString();
            if (provider != null) {
                Log.infof("Native cryptography loaded in %d ms", (System.nanoTime() - started) / 1_000_000);
            } else {
                Log.infof("Native cryptography not available, the JDK's is used: %s", WHY_NOT);
            }
        }
    }

    /** The provider, or (appended to {@code whyNot}) why there is none. */
    public static Optional<Provider> provider(StringBuilder whyNot) {
        if (Loaded.PROVIDER == null) {
            whyNot.append(Loaded.WHY_NOT);
        }
        return Optional.ofNullable(Loaded.PROVIDER);
    }

    /**
     * HMAC-SHA256 keyed with {@code key}: the native provider's when it loaded, else the JDK's. The same bytes either
     * way; natively about 0.3 µs a short input against 1.9 µs in the JDK's Java code, which without the optimising
     * compiler (deploy/jvm.options) runs without its SHA-256 intrinsics.
     */
    public static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Loaded.PROVIDER != null
                    ? Mac.getInstance("HmacSHA256", Loaded.PROVIDER)
                    : Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
