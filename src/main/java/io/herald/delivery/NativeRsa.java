package io.herald.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * RSA in native code: Amazon Corretto Crypto Provider (AWS-LC) when its library loads here (Linux on x86-64 or
 * aarch64, a temporary directory it may load code from) and passes its self-tests. Used for DKIM only, never
 * installed as a JVM-wide provider.
 */
final class NativeRsa {

    private NativeRsa() {}

    /** The provider, or why there is none. */
    static Optional<Provider> provider(StringBuilder whyNot) {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                whyNot.append(accp.getLoadingError());
                return Optional.empty();
            }
            accp.assertHealthy();
            return Optional.of(accp);
        } catch (RuntimeException | LinkageError e) {
            whyNot.append(e);
            return Optional.empty();
        }
    }

    /** The key as the provider's own object: a JDK key would be converted again on every signature. */
    static PrivateKey keyFor(Provider provider, PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }
}
