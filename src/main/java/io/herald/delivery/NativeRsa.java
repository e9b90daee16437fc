package io.herald.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;

/** RSA in native code for DKIM: {@link io.herald.storage.NativeCrypto}'s provider. */
final class NativeRsa {

    private NativeRsa() {}

    /** The provider, or why there is none. */
    static Optional<Provider> provider(StringBuilder whyNot) {
        return io.herald.storage.NativeCrypto.provider(whyNot);
    }

    /** The key as the provider's own object: a JDK key would be converted again on every signature. */
    static PrivateKey keyFor(Provider provider, PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }
}
