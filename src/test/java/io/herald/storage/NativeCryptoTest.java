package io.herald.storage;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The native HMAC gives the JDK's bytes, and serves input after input (doFinal resets it). */
class NativeCryptoTest {

    @Test
    void nativeHmacIsTheJdksHmac() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        assertThat(NativeCrypto.provider(whyNot))
                .as("the native library loads on the platform the build targets: %s", whyNot)
                .isPresent();
        Random random = new Random(2104);
        for (int n = 0; n < 200; n++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA256", "SunJCE");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            Mac fast = NativeCrypto.hmacSha256(key);
            assertThat(fast.getProvider().getName()).isNotEqualTo("SunJCE");
            for (int i = 0; i < 20; i++) {
                byte[] input = new byte[random.nextInt(300)];
                random.nextBytes(input);
                assertThat(fast.doFinal(input)).isEqualTo(jdk.doFinal(input));
            }
        }
    }
}
