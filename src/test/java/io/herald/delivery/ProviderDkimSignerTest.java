package io.herald.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DKIM signer with native RSA writes exactly what jDKIM's own signer with the JDK's RSA writes, and jDKIM's
 * verifier accepts it. (dkimpy, an independent verifier, checks Herald's real emails in the judges profile.)
 */
class ProviderDkimSignerTest {

    private static final String TEMPLATE =
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=test; " + "h=from:to:subject:message-id; bh=; b=;";
    private static final String MESSAGE = "From: The Astana Times <news@example.org>\r\n"
            + "To: Reader <reader@example.net>\r\n"
            + "Subject: =?UTF-8?Q?T=C3=BCrkiye_and_Kazakhstan?=\r\n"
            + "Message-ID: <herald.1.2.0123456789abcdef@example.org>\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "ASTANA =E2=80=93 Kurtulmu=C5=9F said:   \r\n"
            + "\t  trade reached $6 billion.\r\n"
            + "\r\n\r\n";

    private static KeyPair pair;
    private static Provider nativeRsa;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        StringBuilder whyNot = new StringBuilder();
        nativeRsa = NativeRsa.provider(whyNot).orElse(null);
        assertThat(nativeRsa).as("native RSA on this platform: %s", whyNot).isNotNull();
    }

    @Test
    void nativeSignatureIsByteForByteJdkimsOwn() throws Exception {
        PrivateKey nativeKey = NativeRsa.keyFor(nativeRsa, pair.getPrivate());
        assertThat(nativeKey.getClass().getName()).startsWith("com.amazon.corretto");

        String nativeField = new ProviderDkimSigner(TEMPLATE, nativeKey, nativeRsa).sign(input(MESSAGE));
        String jdkField = new ProviderDkimSigner(TEMPLATE, pair.getPrivate(), null).sign(input(MESSAGE));
        String jdkimField = new DKIMSigner(TEMPLATE, pair.getPrivate()).sign(input(MESSAGE));

        assertThat(nativeField)
                .startsWith("DKIM-Signature:")
                .contains("bh=")
                .isEqualTo(jdkField)
                .isEqualTo(jdkimField);
    }

    @Test
    void jdkimsVerifierAcceptsTheNativeSignatureAndRefusesATamperedBody() throws Exception {
        String field = new ProviderDkimSigner(TEMPLATE, NativeRsa.keyFor(nativeRsa, pair.getPrivate()), nativeRsa)
                .sign(input(MESSAGE));
        String record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));

        assertThat(verifier.verify(input(field + "\r\n" + MESSAGE))).hasSize(1);
        String tampered = MESSAGE.replace("$6 billion", "$9 billion");
        assertThatThrownBy(() -> verifier.verify(input(field + "\r\n" + tampered)))
                .isInstanceOf(FailException.class);
    }

    private static ByteArrayInputStream input(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    }
}
